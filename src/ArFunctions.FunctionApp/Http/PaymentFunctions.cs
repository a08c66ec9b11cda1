using ArFunctions.Application.Access;
using ArFunctions.Application.Queries;
using ArFunctions.Application.Webhooks;
using ArFunctions.FunctionApp.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace ArFunctions.FunctionApp.Http;

/// <summary>
/// GET /api/payments/unmatched: payments no invoice matched, parked rather than dropped. POST
/// /api/payments/unmatched/{unmatchedId}/resolve {invoiceId}: applies one to the named invoice.
/// </summary>
public sealed class PaymentFunctions(UnmatchedPayments unmatched)
{
    public sealed record ResolveRequest(string? InvoiceId);

    [Function("GetUnmatchedPayments")]
    [Callers(Audience.Machines, Role.Admin, Role.Lead)]
    [ApiSummary("Payments no invoice matched, parked rather than dropped.")]
    public async Task<IActionResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "payments/unmatched")] HttpRequest request, CancellationToken cancellationToken) =>
        TypedResults.Ok(await unmatched.ListAsync(cancellationToken).ConfigureAwait(false)).ToAction();

    [Function("ResolveUnmatchedPayment")]
    [Callers(Audience.Machines, Role.Admin)]
    [MaxBody(MaxBodyAttribute.Command)]
    [ApiSummary("Applies a parked payment to the named invoice ({invoiceId}).")]
    public Task<IActionResult> ResolveAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "payments/unmatched/{unmatchedId}/resolve")] HttpRequest request, string unmatchedId, CancellationToken cancellationToken) =>
        AnswerAsync(request, unmatchedId, cancellationToken).ToActionAsync();

    private async Task<IResult> AnswerAsync(HttpRequest request, string unmatchedId, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<ResolveRequest>(request, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return problem!;
        }

        if (string.IsNullOrWhiteSpace(body.InvoiceId))
        {
            return Problems.Invalid("Name the invoice the payment belongs to.", [new FieldError("invoiceId", "is required")]);
        }

        var result = await unmatched.ResolveAsync(unmatchedId, body.InvoiceId, CallerSource.Of(request), cancellationToken).ConfigureAwait(false);
        return result.ToHttp(() => TypedResults.Ok(new { resolved = unmatchedId, invoiceId = body.InvoiceId }));
    }
}
