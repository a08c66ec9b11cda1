using ArFunctions.Application.Access;
using ArFunctions.Application.Customers;
using ArFunctions.Application.Queries;
using ArFunctions.FunctionApp.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace ArFunctions.FunctionApp.Http;

/// <summary>
/// GET /api/customers/{customerId}?asOf=: the segment and the rule that matched, the features as of the last completed
/// run (or <c>asOf</c>), open invoices, segment moves, actions and interactions.
/// </summary>
public sealed class CustomerFunctions(CustomerDetailQuery query, AccessRules access)
{
    [Function("GetCustomer")]
    [Callers(Audience.People, Role.Collector, Role.Lead)]
    [ApiSummary("A customer's segment and the rule that matched, features as of the last completed run or ?asOf=yyyy-MM-dd (featuresAsOf, featuresAsOfSource), open invoices, segment moves, actions and interactions.")]
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
}
