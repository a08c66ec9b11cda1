using ArFunctions.Application.Telemetry;
using ArFunctions.Application.Webhooks;
using ArFunctions.FunctionApp.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace ArFunctions.FunctionApp.Http;

/// <summary>
/// POST /api/webhooks/stripe and POST /api/webhooks/{source} (Standard Webhooks): anonymous at the host, verified here
/// on the raw body. 200 only once the event is stored and queued for applying; a duplicate is 200 too, so the
/// processor stops retrying. A body over the route's limit gets 413 before it is verified; unsigned, forged or stale
/// requests get 401, malformed or undecodable ones 400; none records anything.
/// A source whose secret is missing or unusable is disabled at start and answers 503 until it is configured.
/// </summary>
public sealed class WebhookFunctions(ReceiveWebhook receive)
{
    [Function("StripeWebhook")]
    [Callers(Audience.Public)]
    [MaxBody(ReceiveWebhook.MaxBodyBytes)]
    [ApiSummary("Receives a Stripe event, verified by its Stripe-Signature header.")]
    public Task<IActionResult> StripeAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/stripe")] HttpRequest request, CancellationToken cancellationToken) =>
        ReceiveAsync(WebhookOptions.StripeSource, request, cancellationToken).ToActionAsync();

    [Function("ProcessorWebhook")]
    [Callers(Audience.Public)]
    [MaxBody(ReceiveWebhook.MaxBodyBytes)]
    [ApiSummary("Receives a Standard Webhooks event of a configured source, verified by its webhook-signature header.")]
    public Task<IActionResult> ProcessorAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/{source}")] HttpRequest request, string source, CancellationToken cancellationToken) =>
        ReceiveAsync(source, request, cancellationToken).ToActionAsync();

    private async Task<IResult> ReceiveAsync(string source, HttpRequest request, CancellationToken cancellationToken)
    {
        // BodyGate already held the body to the route's limit, before anything verifies or parses it.
        var body = await JsonBody.ReadBytesAsync(request, cancellationToken).ConfigureAwait(false);
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var result = await receive.ReceiveAsync(source, headers, body, cancellationToken).ConfigureAwait(false);
        return Count(source, result.Outcome, result.ToHttp(() => result switch
        {
            ReceiveResult.Duplicate duplicate => TypedResults.Ok(new { received = duplicate.EventId, duplicate = true }),
            ReceiveResult.Accepted accepted => TypedResults.Ok(new { received = accepted.EventId }),
            _ => throw new InvalidOperationException($"A webhook result without a failure must be accepted or a duplicate, not {result.Outcome}."),
        }));
    }

    private static IResult Count(string source, string outcome, IResult result)
    {
        ArFunctionsMetrics.WebhookEvents.Add(1, new KeyValuePair<string, object?>("source", source.Length <= 40 ? source : "other"), new KeyValuePair<string, object?>("outcome", outcome));
        return result;
    }
}
