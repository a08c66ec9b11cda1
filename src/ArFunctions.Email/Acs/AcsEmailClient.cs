using System.Globalization;
using System.Text.Json;
using ArFunctions.Application.Emails;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;

namespace ArFunctions.Email.Acs;

/// <summary>
/// The ACS Email REST API on an Azure.Core pipeline (retries for transient failures, logging, cancellation, and
/// Entra ID or HMAC auth): <c>POST {endpoint}/emails:send</c> with an Operation-Id, then polls
/// <c>GET {endpoint}/emails/operations/{id}</c> until Succeeded, Failed or Canceled, honouring Retry-After up to a cap.
/// 429 and 503 on the send come back as <see cref="EmailSendResult.Throttled"/>; nothing sleeps for the quota.
/// </summary>
public sealed partial class AcsEmailClient
{
    public const string ApiVersion = "2025-09-01";
    public const string Scope = "https://communication.azure.com//.default";

    private static readonly TimeSpan DefaultThrottle = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan DefaultPollDelay = TimeSpan.FromSeconds(1);

    private readonly string _endpoint;
    private readonly HttpPipeline _pipeline;
    private readonly EmailOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<AcsEmailClient> _logger;

    public AcsEmailClient(Uri endpoint, HttpPipelinePolicy authentication, EmailOptions options, TimeProvider time, ILogger<AcsEmailClient> logger)
    {
        _endpoint = endpoint.AbsoluteUri.TrimEnd('/');
        _options = options;
        _time = time;
        _logger = logger;
        var clientOptions = new AcsClientOptions { RetryPolicy = new AcsRetryPolicy(options.MaxRetries, options.RetryDelay) };
        clientOptions.Diagnostics.ApplicationId = "ArFunctions";
        _pipeline = HttpPipelineBuilder.Build(clientOptions, [], [authentication], new ResponseClassifier());
    }

    /// <summary>A client signing with the access key of <paramref name="connectionString"/>.</summary>
    public static AcsEmailClient WithAccessKey(AcsConnectionString connectionString, EmailOptions options, TimeProvider time, ILogger<AcsEmailClient> logger) =>
        new(connectionString.Endpoint, new HmacAuthenticationPolicy(connectionString.AccessKey, time), options, time, logger);

    /// <summary>A client with Entra ID tokens from <paramref name="credential"/>.</summary>
    public static AcsEmailClient WithCredential(Uri endpoint, TokenCredential credential, EmailOptions options, TimeProvider time, ILogger<AcsEmailClient> logger) =>
        new(endpoint, new BearerTokenAuthenticationPolicy(credential, Scope), options, time, logger);

    public async Task<EmailSendResult> SendAsync(EmailMessage message, string operationId, CancellationToken cancellationToken)
    {
        using var request = _pipeline.CreateMessage();
        request.Request.Method = RequestMethod.Post;
        request.Request.Uri.Reset(new Uri($"{_endpoint}/emails:send?api-version={ApiVersion}"));
        request.Request.Headers.SetValue("Operation-Id", operationId);
        request.Request.Headers.SetValue("Content-Type", "application/json");
        request.Request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(message, AcsJson.Options));
        if (await TrySendAsync(request, cancellationToken).ConfigureAwait(false) is { } failure)
        {
            return failure;
        }

        var response = request.Response;
        if (response.Status == 202)
        {
            var accepted = AcsJson.TryRead<AcsOperationStatus>(response.Content);
            var id = accepted?.Id ?? operationId;
            LogAccepted(_logger, id);
            return await PollAsync(id, RetryAfter(response), cancellationToken).ConfigureAwait(false);
        }

        return Refused(response);
    }

    /// <summary>Null when a response came back; a retryable failure when the transport gave up (after the pipeline's retries).</summary>
    private async Task<EmailSendResult?> TrySendAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (RequestFailedException e)
        {
            return new EmailSendResult.Failed($"ACS could not be reached: {e.Message}", Retryable: true);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            return new EmailSendResult.Failed($"ACS timed out: {e.Message}", Retryable: true);
        }
    }

    private static EmailSendResult Refused(Response response)
    {
        if (response.Status is 429 or 503)
        {
            return new EmailSendResult.Throttled(RetryAfter(response) ?? DefaultThrottle);
        }

        var error = AcsJson.TryRead<AcsErrorReply>(response.Content)?.Error;
        var reason = $"ACS answered {response.Status} {error?.Code}: {error?.Message ?? response.ReasonPhrase}".Trim();
        return new EmailSendResult.Failed(reason, Retryable: response.Status is 408 or >= 500);
    }

    private async Task<EmailSendResult> PollAsync(string id, TimeSpan? firstDelay, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + _options.MaxPollDuration;
        var delay = firstDelay;
        while (_time.GetUtcNow() < deadline)
        {
            await Task.Delay(Cap(delay), _time, cancellationToken).ConfigureAwait(false);
            using var poll = _pipeline.CreateMessage();
            poll.Request.Method = RequestMethod.Get;
            poll.Request.Uri.Reset(new Uri($"{_endpoint}/emails/operations/{Uri.EscapeDataString(id)}?api-version={ApiVersion}"));
            if (await TrySendAsync(poll, cancellationToken).ConfigureAwait(false) is not null)
            {
                break;
            }

            delay = RetryAfter(poll.Response);
            if (poll.Response.Status != 200)
            {
                continue;
            }

            var status = AcsJson.TryRead<AcsOperationStatus>(poll.Response.Content);
            switch (status?.Status)
            {
                case "Succeeded":
                    return new EmailSendResult.Sent(id);
                case "Failed" or "Canceled":
                    return new EmailSendResult.Failed($"ACS operation {status.Status}: {status.Error?.Code} {status.Error?.Message}".TrimEnd(), Retryable: false);
            }
        }

        // Accepted but not confirmed: sending again could deliver twice, so it counts as sent.
        LogUnconfirmed(_logger, id);
        return new EmailSendResult.Sent(id);
    }

    private TimeSpan Cap(TimeSpan? delay) =>
        delay is { } d ? (d > _options.MaxPollDelay ? _options.MaxPollDelay : d) : (DefaultPollDelay > _options.MaxPollDelay ? _options.MaxPollDelay : DefaultPollDelay);

    /// <summary>Retry-After in seconds or as an HTTP date (retry-after-ms first, as Azure services send it).</summary>
    internal static TimeSpan? RetryAfter(Response response)
    {
        if (response.Headers.TryGetValue("retry-after-ms", out var ms) && int.TryParse(ms, NumberStyles.Integer, CultureInfo.InvariantCulture, out var millis))
        {
            return TimeSpan.FromMilliseconds(Math.Max(0, millis));
        }

        if (!response.Headers.TryGetValue("Retry-After", out var value))
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(Math.Max(0, seconds));
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero
            : null;
    }

    [LoggerMessage(EventId = 501, Level = LogLevel.Debug, Message = "ACS accepted email operation {OperationId}")]
    private static partial void LogAccepted(ILogger logger, string operationId);

    [LoggerMessage(EventId = 502, Level = LogLevel.Warning, Message = "ACS email operation {OperationId} was accepted but its final status could not be read; counted as sent")]
    private static partial void LogUnconfirmed(ILogger logger, string operationId);
}
