using ArFunctions.Application.Access;
using ArFunctions.Application.Customers;
using ArFunctions.Application.Queries;
using ArFunctions.Application.Statements;
using ArFunctions.FunctionApp.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace ArFunctions.FunctionApp.Http;

/// <summary>
/// GET /api/customers/{customerId}?asOf=: the segment and the rule that matched, the features as of the last completed
/// run (or <c>asOf</c>), open invoices, segment moves, actions and interactions. GET /api/customers/{customerId}/decisions: why each step fired
/// or did not, per run date. GET /api/customers/{customerId}/statement?format=pdf|csv&amp;asOf=: the statement of account
/// as a file.
/// </summary>
public sealed class CustomerFunctions(CustomerDetailQuery query, CustomerDecisionsQuery decisions, CustomerStatement statements, AccessRules access)
{
    [Function("GetCustomer")]
    [Callers(Audience.People, Role.Collector, Role.Lead)]
    [ApiSummary("A customer's segment and the rule that matched, features as of the last completed run or ?asOf=yyyy-MM-dd (featuresAsOf, featuresAsOfSource), open invoices, credits and the net balance, segment moves, actions and interactions.")]
    public Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "customers/{customerId}")] HttpRequest request, string customerId, CancellationToken cancellationToken) =>
        AnswerAsync(request, customerId, cancellationToken).ToActionAsync();

    private async Task<IResult> AnswerAsync(HttpRequest request, string customerId, CancellationToken cancellationToken)
    {
        var caller = CallerSource.Of(request);
        var errors = new List<FieldError>();
        var asOf = QueryValues.Date(request, "asOf", errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid("The as-of date is invalid.", errors);
        }

        var result = await query.GetAsync(customerId, asOf, cancellationToken).ConfigureAwait(false);
        if (result.Value is { } customer && await access.ToReadCustomerAsync(caller, customer, cancellationToken).ConfigureAwait(false) is { } denied)
        {
            // Checked after the read: whether a collector may see a customer depends on whom it is assigned to.
            return Problems.For(denied);
        }

        return result.ToHttp(found => TypedResults.Ok(found));
    }

    [Function("GetCustomerDecisions")]
    [Callers(Audience.People, Role.Collector, Role.Lead)]
    [ApiSummary("A customer's decision log (?from=&to=, default the last 30 days): per run date the segment and its rule, every step that fired with what became of its action, every step that did not with its reason, in plain words too.")]
    public Task<IActionResult> GetDecisionsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "customers/{customerId}/decisions")] HttpRequest request, string customerId, CancellationToken cancellationToken) =>
        AnswerDecisionsAsync(request, customerId, cancellationToken).ToActionAsync();

    private async Task<IResult> AnswerDecisionsAsync(HttpRequest request, string customerId, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var from = QueryValues.Date(request, "from", errors);
        var to = QueryValues.Date(request, "to", errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid("The query is invalid.", errors);
        }

        var result = await decisions.GetAsync(customerId, from, to, cancellationToken).ConfigureAwait(false);
        if (result.Value is { } log && await access.ToReadCustomerAsync(CallerSource.Of(request), log.Customer, cancellationToken).ConfigureAwait(false) is { } denied)
        {
            return Problems.For(denied);
        }

        return result.ToHttp(found => TypedResults.Ok(found));
    }

    [Function("GetCustomerStatement")]
    [Callers(Audience.People, Role.Collector, Role.Lead)]
    [ApiSummary("A customer's statement of account as a file (?format=pdf|csv, default pdf; ?asOf=yyyy-MM-dd, default today): open items with their state and credits applied, unapplied credits, the payments of the last 90 days, and the aging per currency.")]
    public Task<IActionResult> GetStatementAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "customers/{customerId}/statement")] HttpRequest request, string customerId, CancellationToken cancellationToken) =>
        AnswerStatementAsync(request, customerId, cancellationToken).ToActionAsync();

    private async Task<IResult> AnswerStatementAsync(HttpRequest request, string customerId, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var asOf = QueryValues.Date(request, "asOf", errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid("The as-of date is invalid.", errors);
        }

        var result = await statements.RenderAsync(customerId, asOf, request.Query["format"].FirstOrDefault(), cancellationToken).ConfigureAwait(false);
        if (result.Value is { } document && await access.ToReadCustomerAsync(CallerSource.Of(request), document.Statement.Customer, cancellationToken).ConfigureAwait(false) is { } denied)
        {
            return Problems.For(denied);
        }

        return result.ToHttp(file => TypedResults.File(file.Content, file.ContentType, file.FileName));
    }
}
