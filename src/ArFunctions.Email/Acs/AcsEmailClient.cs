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
/// Entra ID or HMAC auth): <c>POST {endpoint}/emails:send</c> with an Operation-Id and the documented idempotency
/// headers (Repeatability-Request-ID, Repeatability-First-Sent: the same on every retry of one send), then polls
/// <c>GET {endpoint}/emails/operations/{id}</c> until Succeeded, Failed or Canceled, honouring Retry-After up to a cap.
/// A whole send, retries and poll included, ends within <see cref="EmailOptions.MaxSendDuration"/>, below the action
/// claim's lease. 429 and 503 on the send come back as <see cref="EmailSendResult.Throttled"/>; nothing sleeps for the
/// quota. <see cref="GetOperationAsync"/> tells whether ACS ever received an operation.
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

    public async Task<EmailSendResult> SendAsync(EmailMessage message, string operationId, Guid repeatabilityRequestId, DateTimeOffset firstSent, CancellationToken cancellationToken)
    {
        using var bound = new CancellationTokenSource(_options.MaxSendDuration, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bound.Token);
        using var request = _pipeline.CreateMessage();
        request.Request.Method = RequestMethod.Post;
        request.Request.Uri.Reset(new Uri($"{_endpoint}/emails:send?api-version={ApiVersion}"));
        request.Request.Headers.SetValue("Operation-Id", operationId);
        request.Request.Headers.SetValue("Repeatability-Request-ID", repeatabilityRequestId.ToString("D"));
        request.Request.Headers.SetValue("Repeatability-First-Sent", firstSent.UtcDateTime.ToString("R", CultureInfo.InvariantCulture));
        request.Request.Headers.SetValue("Content-Type", "application/json");
        request.Request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(message, AcsJson.Options));
        if (await TrySendAsync(request, linked.Token, cancellationToken).ConfigureAwait(false) is { } failure)
        {
            return failure;
        }

        var response = request.Response;
        if (response.Status is 202 or 409)
        {
            // 409: a repeat of a send ACS is still working on (same Repeatability-Request-ID): follow that operation.
            var accepted = response.Status == 202 ? AcsJson.TryRead<AcsOperationStatus>(response.Content) : null;
            var id = accepted?.Id ?? operationId;
            LogAccepted(_logger, id);
            return await PollAsync(id, RetryAfter(response), linked.Token, cancellationToken).ConfigureAwait(false);
        }

        return Refused(response);
    }

    /// <summary>
    /// What ACS knows of operation <paramref name="operationId"/>: 404 means it never received the send; a status
    /// means it has it (or gave up on it). Asked before a claimed send is retried.
    /// </summary>
    public async Task<EmailReceipt> GetOperationAsync(string operationId, CancellationToken cancellationToken)
    {
        using var bound = new CancellationTokenSource(_options.MaxSendDuration, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bound.Token);
        using var poll = OperationRequest(operationId);
        if (await TrySendAsync(poll, linked.Token, cancellationToken).ConfigureAwait(false) is EmailSendResult.Failed failure)
        {
            return new EmailReceipt.Unknown(failure.Reason);
        }

        if (poll.Response.Status == 404)
        {
            return new EmailReceipt.NotReceived();
        }

        var status = poll.Response.Status == 200 ? AcsJson.TryRead<AcsOperationStatus>(poll.Response.Content) : null;
        return status?.Status switch
        {
            "Succeeded" or "Running" or "NotStarted" => new EmailReceipt.Received(status.Id ?? operationId),
            "Failed" or "Canceled" => new EmailReceipt.Failed($"ACS operation {status.Status}: {status.Error?.Code} {status.Error?.Message}".TrimEnd()),
            _ => new EmailReceipt.Unknown($"ACS answered {poll.Response.Status} for operation {operationId}"),
        };
    }

    /// <summary>Null when a response came back; a retryable failure when the transport gave up (after the pipeline's retries).</summary>
    private async Task<EmailSendResult?> TrySendAsync(HttpMessage message, CancellationToken bounded, CancellationToken cancellationToken)
    {
        try
        {
            await _pipeline.SendAsync(message, bounded).ConfigureAwait(false);
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

    private async Task<EmailSendResult> PollAsync(string id, TimeSpan? firstDelay, CancellationToken bounded, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + _options.MaxPollDuration;
        var delay = firstDelay;
        while (_time.GetUtcNow() < deadline && !bounded.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Cap(delay), _time, bounded).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                break;
            }

            using var poll = OperationRequest(id);
            if (await TrySendAsync(poll, bounded, cancellationToken).ConfigureAwait(false) is not null)
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

    private HttpMessage OperationRequest(string id)
    {
        var poll = _pipeline.CreateMessage();
        poll.Request.Method = RequestMethod.Get;
        poll.Request.Uri.Reset(new Uri($"{_endpoint}/emails/operations/{Uri.EscapeDataString(id)}?api-version={ApiVersion}"));
        return poll;
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
