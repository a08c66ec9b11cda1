using ArFunctions.Application.Queries;

namespace ArFunctions.FunctionApp.Http;

/// <summary>The one mapping of the application's <see cref="QueryResult{T}"/> to HTTP.</summary>
internal static class QueryResults
{
    public static IResult ToHttp<T>(this QueryResult<T> result, string notFound, Func<T, IResult>? ok = null)
        where T : class => result.Status switch
        {
            QueryStatus.Ok => ok is null ? TypedResults.Ok(result.Value) : ok(result.Value!),
            QueryStatus.NotFound => Problems.NotFound(notFound),
            _ => Problems.Invalid("The request is invalid.", result.Errors.Select(e => (e.Field, e.Reason))),
        };
}
