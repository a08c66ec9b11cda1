using System.Text.Json;
using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Ports;
using ArFunctions.Application.Queries;
using ArFunctions.Domain.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArFunctions.Application.Webhooks;

/// <summary>
/// What became of a webhook request: accepted (or a duplicate, also a success so the processor stops retrying), or a
/// <see cref="Failure"/>. <see cref="Outcome"/> names it for the webhook-events metric.
/// </summary>
public abstract record ReceiveResult : IOutcome
{
    private ReceiveResult()
    {
    }

    public abstract string Outcome { get; }

    public virtual Failure? Failure => null;

    /// <summary>Stored and queued (or, for a type we do not handle, stored as ignored).</summary>
    public sealed record Accepted(string EventId) : ReceiveResult
    {
        public override string Outcome => "accepted";
    }

    /// <summary>Seen before: nothing new was recorded.</summary>
    public sealed record Duplicate(string EventId) : ReceiveResult
    {
        public override string Outcome => "duplicate";
    }

    public sealed record Unauthorized(string Reason) : ReceiveResult
    {
        public override string Outcome => "unauthorized";

        public override Failure? Failure => Failure.Unauthorized(Reason);
    }

    public sealed record Invalid(string Reason) : ReceiveResult
    {
        public override string Outcome => "invalid";

        public override Failure? Failure => Failure.Malformed(Reason);
    }

    /// <summary>No secret is configured for this source.</summary>
    public sealed record UnknownSource(string Source) : ReceiveResult
    {
        public override string Outcome => "unknown-source";

        public override Failure? Failure => Failure.NotFound($"No webhook source '{Failure.Quote(Source)}' is configured.");
    }

    /// <summary>
    /// The source is configured but its secret cannot sign (missing, malformed, a placeholder, an unresolved Key Vault
    /// reference): nothing was verified or recorded. <paramref name="Reason"/> never quotes the secret.
    /// </summary>
    public sealed record SourceDisabled(string Source, string Reason) : ReceiveResult
    {
        public override string Outcome => "disabled";

        public override Failure? Failure => Failure.Disabled($"The source '{Failure.Quote(Source)}' has no usable signing secret: {Reason}");
    }
}

/// <summary>
/// Receives one webhook request: verifies the signature on the raw bytes, parses, stores the event keyed by
/// (source, event id) with a conditional insert, then queues it on <see cref="QueueNames.Payments"/>. Accepted
/// only once both are durable; a failed send leaves the event Received, and a redelivery sends it again.
/// Nothing is written for a request that fails verification or parsing.
/// </summary>
public sealed partial class ReceiveWebhook(
    IOptionsMonitor<WebhookOptions> options,
    StripeSignatureVerifier stripe,
    StandardWebhookVerifier standard,
    IWebhookEventStore events,
    IMessageQueue queue,
    BusinessClock clock,
    ILogger<ReceiveWebhook> logger)
{
    /// <summary>Largest body we read: processor events are a few KiB.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public async Task<ReceiveResult> ReceiveAsync(string source, IReadOnlyDictionary<string, string> headers, ReadOnlyMemory<byte> rawBody, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (!WebhookOptionsValidator.IsValidSource(source))
        {
            return new ReceiveResult.UnknownSource(source);
        }

        var sources = WebhookSources.Of(settings);
        if (sources.DisabledReasonOf(source) is { } disabledReason)
        {
            LogSourceDisabled(logger, source);
            return new ReceiveResult.SourceDisabled(source, disabledReason);
        }

        var secrets = sources.SecretsOf(source);
        if (secrets.Count == 0)
        {
            return new ReceiveResult.UnknownSource(source);
        }

        var isStripe = source == WebhookOptions.StripeSource;
        var verification = isStripe
            ? stripe.Verify(Header(headers, StripeSignatureVerifier.HeaderName), rawBody.Span, secrets, settings.Tolerance)
            : standard.Verify(Header(headers, StandardWebhookVerifier.IdHeader), Header(headers, StandardWebhookVerifier.TimestampHeader), Header(headers, StandardWebhookVerifier.SignatureHeader), rawBody.Span, secrets, settings.Tolerance);
        if (!verification.IsValid)
        {
            LogUnauthorized(logger, source, verification.Failure);
            return new ReceiveResult.Unauthorized(verification.Reason!);
        }

        var parsed = Parse(source, isStripe ? null : Header(headers, StandardWebhookVerifier.IdHeader), rawBody);
        if (parsed.Error is not null)
        {
            LogInvalid(logger, source, parsed.Error);
            return new ReceiveResult.Invalid(parsed.Error);
        }

        return await StoreAndQueueAsync(source, parsed, cancellationToken).ConfigureAwait(false);
    }

    private ParsedWebhook Parse(string source, string? webhookId, ReadOnlyMemory<byte> rawBody)
    {
        if (rawBody.Length > MaxBodyBytes)
        {
            return ParsedWebhook.Invalid($"body: larger than {MaxBodyBytes} bytes");
        }

        if (webhookId is not null && !EntityKey.IsValid(webhookId, out var idError))
        {
            return ParsedWebhook.Invalid($"{StandardWebhookVerifier.IdHeader}: {idError}");
        }

        if (JsonText.FindUndecodable(rawBody.Span) is { } undecodable)
        {
            return ParsedWebhook.Invalid(undecodable);
        }

        var today = clock.Today;
        try
        {
            using var document = JsonDocument.Parse(rawBody, new JsonDocumentOptions { MaxDepth = 32 });
            return webhookId is null
                ? StripeEventParser.Parse(document.RootElement, today, clock.Zone)
                : StandardEventParser.Parse(source, webhookId, document.RootElement, today);
        }
        catch (JsonException e)
        {
            // Malformed JSON or bytes that are not UTF-8: the reader's message names the position.
            return ParsedWebhook.Invalid("body: not valid JSON (" + e.Message + ")");
        }
    }

    /// <summary>
    /// Inserts the event (the conditional insert decides duplicates), then sends its message: two storage round trips.
    /// The row stays <see cref="WebhookEventStatus.Received"/> until the handler applies it, so a duplicate arriving
    /// before that sends the message again (the first send may have failed); the handler is idempotent, and a message
    /// of an event already applied costs it one read.
    /// </summary>
    private async Task<ReceiveResult> StoreAndQueueAsync(string source, ParsedWebhook parsed, CancellationToken cancellationToken)
    {
        var eventId = parsed.EventId!;
        var status = parsed.Event is null ? WebhookEventStatus.Ignored : WebhookEventStatus.Received;
        var record = new WebhookEventRecord(source, eventId, parsed.EventType!, status, clock.UtcNow, parsed.Event);
        if (!await events.TryAddAsync(record, cancellationToken).ConfigureAwait(false))
        {
            var stored = await events.GetAsync(source, eventId, cancellationToken).ConfigureAwait(false);
            if (stored?.Status == WebhookEventStatus.Received)
            {
                await QueueAsync(source, eventId, cancellationToken).ConfigureAwait(false);
            }

            LogDuplicate(logger, source, eventId);
            return new ReceiveResult.Duplicate(eventId);
        }

        if (status == WebhookEventStatus.Received)
        {
            await QueueAsync(source, eventId, cancellationToken).ConfigureAwait(false);
        }

        LogAccepted(logger, source, eventId, parsed.EventType!, status);
        return new ReceiveResult.Accepted(eventId);
    }

    private Task QueueAsync(string source, string eventId, CancellationToken cancellationToken) =>
        queue.SendAsync(QueueNames.Payments, new PaymentEventMessage(source, eventId), cancellationToken);

    /// <summary>Header names are case-insensitive; the caller's dictionary may not be.</summary>
    private static string? Header(IReadOnlyDictionary<string, string> headers, string name)
    {
        if (headers.TryGetValue(name, out var value))
        {
            return value;
        }

        foreach (var (key, v) in headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return v;
            }
        }

        return null;
    }

    [LoggerMessage(EventId = 601, Level = LogLevel.Warning, Message = "Webhook from {Source} refused: {Failure}")]
    private static partial void LogUnauthorized(ILogger logger, string source, VerificationFailure failure);

    [LoggerMessage(EventId = 602, Level = LogLevel.Warning, Message = "Webhook from {Source} is invalid: {Error}")]
    private static partial void LogInvalid(ILogger logger, string source, string error);

    [LoggerMessage(EventId = 603, Level = LogLevel.Information, Message = "Webhook {EventId} from {Source} was already received")]
    private static partial void LogDuplicate(ILogger logger, string source, string eventId);

    [LoggerMessage(EventId = 604, Level = LogLevel.Information, Message = "Webhook {EventId} ({EventType}) from {Source} stored as {Status}")]
    private static partial void LogAccepted(ILogger logger, string source, string eventId, string eventType, WebhookEventStatus status);

    // The reason was logged once at start (WebhookSourcesStartupReport); a request only says it met a disabled source.
    [LoggerMessage(EventId = 606, Level = LogLevel.Information, Message = "Webhook from {Source} refused: the source is disabled")]
    private static partial void LogSourceDisabled(ILogger logger, string source);
}
