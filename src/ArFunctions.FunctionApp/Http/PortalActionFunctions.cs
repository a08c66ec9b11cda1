using ArFunctions.Application.Portal;
using ArFunctions.FunctionApp.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace ArFunctions.FunctionApp.Http;

/// <summary>
/// What a customer does on the customer page, guarded by the personal link in the route exactly as the page's reads
/// are (<see cref="PortalGate"/>: signature, expiry, the per-link rate, revocation): POST /api/portal/{token}/dispute, /promise,
/// /request and /opt-out. The link names the customer and contact; nothing in the body can name another. 200
/// <c>{outcome, message}</c> says what happened (a promise <c>promise-accepted</c> or <c>promise-requested</c>);
/// errors are problem+json.
/// </summary>
public sealed class PortalActionFunctions(PortalAccess access, PortalActions actions)
{
    [Function("PortalDispute")]
    [Callers(Audience.Public)]
    [MaxBody(MaxBodyAttribute.Command)]
    [ApiSummary("The customer disputes one of its invoices (category, comment): the invoice pauses and the category's owner gets a task.")]
    public Task<IActionResult> DisputeAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "portal/{token}/dispute")] HttpRequest request, string token, CancellationToken cancellationToken) =>
        ActAsync<PortalDisputeInput>(request, token, actions.DisputeAsync, cancellationToken).ToActionAsync();

    [Function("PortalPromise")]
    [Callers(Audience.Public)]
    [MaxBody(MaxBodyAttribute.Command)]
    [ApiSummary("The customer promises to pay an invoice (date, amount): accepted at once within the policy's portal.promises, else a request task for the collector.")]
    public Task<IActionResult> PromiseAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "portal/{token}/promise")] HttpRequest request, string token, CancellationToken cancellationToken) =>
        ActAsync<PortalPromiseInput>(request, token, actions.PromiseAsync, cancellationToken).ToActionAsync();

    [Function("PortalRequest")]
    [Callers(Audience.Public)]
    [MaxBody(MaxBodyAttribute.Command)]
    [ApiSummary("The customer asks the collector for a copy of an invoice (kind invoice-copy, invoice) or a change of contact (kind contact-change, comment): a task for the collector.")]
    public Task<IActionResult> RequestAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "portal/{token}/request")] HttpRequest request, string token, CancellationToken cancellationToken) =>
        ActAsync<PortalRequestInput>(request, token, actions.RequestAsync, cancellationToken).ToActionAsync();

    [Function("PortalOptOut")]
    [Callers(Audience.Public)]
    [MaxBody(MaxBodyAttribute.Command)]
    [ApiSummary("The link's contact opts out of email reminders (no body): honoured from the next run.")]
    public Task<IActionResult> OptOutAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "portal/{token}/opt-out")] HttpRequest request, string token, CancellationToken cancellationToken) =>
        ActAsync<object>(request, token, (visitor, _, c) => actions.OptOutAsync(visitor, c), cancellationToken, bodyless: true).ToActionAsync();

    private async Task<IResult> ActAsync<T>(
        HttpRequest request, string token, Func<PortalVisitor, T, CancellationToken, Task<PortalActionResult>> act, CancellationToken cancellationToken, bool bodyless = false)
        where T : class
    {
        var (link, closed) = await PortalGate.OpenAsync(access, request, token, cancellationToken).ConfigureAwait(false);
        if (link is null)
        {
            return closed!;
        }

        T input;
        if (bodyless)
        {
            input = (T)new object();
        }
        else
        {
            var (read, problem) = await JsonBody.ReadAsync<T>(request, cancellationToken).ConfigureAwait(false);
            if (read is null)
            {
                return problem!;
            }

            input = read;
        }

        var result = await act(new PortalVisitor(link.CustomerId, link.Contact), input, cancellationToken).ConfigureAwait(false);
        return result.ToHttp(() => TypedResults.Ok(new { outcome = result.Outcome, message = result.Message }));
    }
}
