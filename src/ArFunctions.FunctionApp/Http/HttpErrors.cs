using Azure;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace ArFunctions.FunctionApp.Http;

/// <summary>
/// The last line for HTTP functions: an exception that escaped a function becomes problem+json with no detail leaked, a
/// storage or network failure as 503 (try again), anything else as 500, logged with the exception. Bad input never gets
/// here (it is answered as a 4xx where it is read). Other triggers' exceptions pass through to the host, which retries.
/// </summary>
internal sealed partial class HttpErrors(ILogger<HttpErrors> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception e) when (context.GetHttpContext() is { } http && !http.RequestAborted.IsCancellationRequested)
        {
            var error = e is AggregateException { InnerException: { } inner } ? inner : e;
            var (status, type, title, detail) = error switch
            {
                BadHttpRequestException bad => (bad.StatusCode, "bad-request", "Bad request", "The request could not be read."),
                RequestFailedException or HttpRequestException or IOException or TimeoutException =>
                    (StatusCodes.Status503ServiceUnavailable, "unavailable", "Storage unavailable", "Storage did not answer; try again shortly."),
                _ => (StatusCodes.Status500InternalServerError, "error", "Internal error", "An unexpected error occurred; it has been logged."),
            };
            LogUnhandled(logger, error, context.FunctionDefinition.Name, status);
            var result = context.GetInvocationResult();
            result.Value = Problems.Problem(status, type, title, detail).ToAction();
        }
    }

    [LoggerMessage(LogLevel.Error, "HTTP function {Function} failed; answered {Status}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string function, int status);
}
