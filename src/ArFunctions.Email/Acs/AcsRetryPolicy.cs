using Azure.Core;
using Azure.Core.Pipeline;

namespace ArFunctions.Email.Acs;

/// <summary>
/// The pipeline's retries for transient failures (5xx but 503, 408, network errors), with exponential delays. 429 and
/// 503 are not retried here: the caller gets them back with their Retry-After and re-queues the message instead of
/// holding a worker for minutes.
/// </summary>
internal sealed class AcsRetryPolicy(int maxRetries, TimeSpan delay) : RetryPolicy(maxRetries, DelayStrategy.CreateExponentialDelayStrategy(delay, TimeSpan.FromSeconds(30)))
{
    protected override bool ShouldRetry(HttpMessage message, Exception? exception) =>
        !IsThrottle(message) && base.ShouldRetry(message, exception);

    protected override ValueTask<bool> ShouldRetryAsync(HttpMessage message, Exception? exception) =>
        IsThrottle(message) ? ValueTask.FromResult(false) : base.ShouldRetryAsync(message, exception);

    internal static bool IsThrottle(HttpMessage message) =>
        message.HasResponse && message.Response.Status is 429 or 503;
}

internal sealed class AcsClientOptions : ClientOptions
{
}
