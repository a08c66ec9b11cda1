using Azure;
using Microsoft.AspNetCore.Diagnostics;

namespace ArFunctions.FunctionApp.Http;

/// <summary>
/// The last line: an exception that reached the pipeline. Bad input never gets here (it is answered as a 4xx where it
/// is read); what does is a storage or network failure (503, retry) or a bug (500), both as problem+json.
/// </summary>
internal static partial class UnhandledErrors
{
    public static async Task WriteAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("ArFunctions.Http");
        var (status, title, detail) = error switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", "The request could not be read."),
            RequestFailedException or HttpRequestException or IOException or TimeoutException =>
                (StatusCodes.Status503ServiceUnavailable, "Storage unavailable", "Storage did not answer; try again shortly."),
            _ => (StatusCodes.Status500InternalServerError, "Internal error", "An unexpected error occurred; it has been logged."),
        };
        LogUnhandled(logger, error, context.Request.Method, context.Request.Path, status);
        var result = Problems.Problem(status, status == StatusCodes.Status503ServiceUnavailable ? "unavailable" : "error", title, detail);
        await result.ExecuteAsync(context).ConfigureAwait(false);
    }

    [LoggerMessage(LogLevel.Error, "{Method} {Path} failed; answered {Status}")]
    private static partial void LogUnhandled(ILogger logger, Exception? exception, string method, string path, int status);
}
