using ArFunctions.Application.Customers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace ArFunctions.FunctionApp.Http;

/// <summary>
/// GET /api/customers/{customerId}: the segment and the rule that matched, today's features, open invoices, segment
/// moves, actions and interactions.
/// </summary>
public sealed class CustomerFunctions(CustomerDetailQuery query)
{
    [Function("GetCustomer")]
    [ApiSummary("A customer's segment and the rule that matched, features, open invoices, segment moves, actions and interactions.")]
    public async Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "customers/{customerId}")] HttpRequest request, string customerId, CancellationToken cancellationToken) =>
        (await query.GetAsync(customerId, cancellationToken).ConfigureAwait(false)).ToHttp(customer => TypedResults.Ok(customer)).ToAction();
}
