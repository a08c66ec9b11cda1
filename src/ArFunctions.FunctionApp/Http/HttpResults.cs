using Microsoft.AspNetCore.Mvc;

namespace ArFunctions.FunctionApp.Http;

/// <summary>
/// The ASP.NET Core integration writes an HTTP function's <see cref="IActionResult"/> to the response; our answers are
/// built as minimal-API <see cref="IResult"/>s (TypedResults, <see cref="Problems"/>), so each function hands its result
/// over through this one adapter.
/// </summary>
internal static class HttpResults
{
    public static IActionResult ToAction(this IResult result) => new ResultAction(result);

    public static async Task<IActionResult> ToActionAsync(this Task<IResult> result) => new ResultAction(await result.ConfigureAwait(false));

    /// <summary>The result the adapter carries (for tests and the error middleware).</summary>
    public static IResult? Unwrap(IActionResult? action) => (action as ResultAction)?.Result;

    private sealed class ResultAction(IResult result) : IActionResult
    {
        public IResult Result => result;

        public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
    }
}
