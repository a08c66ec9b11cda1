using ArFunctions.Application.Webhooks;

namespace ArFunctions.FunctionApp.Http;

/// <summary>
/// GET /api/payments/unmatched: payments no invoice matched, parked rather than dropped. POST
/// /api/payments/unmatched/{unmatchedId}/resolve {invoiceId}: applies one to the named invoice.
/// </summary>
internal static class PaymentEndpoints
{
    public sealed record ResolveRequest(string? InvoiceId);

    public static void MapPayments(this IEndpointRouteBuilder app)
    {
        app.MapFunction("GetUnmatchedPayments", "GET", "payments/unmatched",
            async (UnmatchedPayments unmatched, CancellationToken ct) => TypedResults.Ok(await unmatched.ListAsync(ct).ConfigureAwait(false)));
        app.MapFunction("ResolveUnmatchedPayment", "POST", "payments/unmatched/{unmatchedId}/resolve", ResolveAsync);
    }

    private static async Task<IResult> ResolveAsync(string unmatchedId, HttpRequest request, UnmatchedPayments unmatched, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<ResolveRequest>(request, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return problem!;
        }

        if (string.IsNullOrWhiteSpace(body.InvoiceId))
        {
            return Problems.Invalid("Name the invoice the payment belongs to.", [new FieldError(-1, "invoiceId", "is required")]);
        }

        var outcome = await unmatched.ResolveAsync(unmatchedId, body.InvoiceId, cancellationToken).ConfigureAwait(false);
        return outcome switch
        {
            ResolveOutcome.Resolved => TypedResults.Ok(new { resolved = unmatchedId, invoiceId = body.InvoiceId }),
            ResolveOutcome.NotFound => Problems.NotFound($"No unmatched payment '{QueryValues.Truncate(unmatchedId)}'."),
            ResolveOutcome.InvoiceNotFound => Problems.Invalid("The invoice does not exist.", [new FieldError(-1, "invoiceId", $"no invoice '{QueryValues.Truncate(body.InvoiceId)}'")]),
            ResolveOutcome.CurrencyMismatch => Problems.Invalid("The invoice is in another currency than the payment.", [new FieldError(-1, "invoiceId", "currency differs from the payment's")]),
            _ => Problems.Conflict("The payment was already resolved to another invoice."),
        };
    }
}
