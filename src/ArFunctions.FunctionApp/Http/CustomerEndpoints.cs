using ArFunctions.Application.Customers;

namespace ArFunctions.FunctionApp.Http;

/// <summary>
/// GET /api/customers/{customerId}: the segment and the rule that matched, today's features, open invoices, segment
/// moves, actions and interactions.
/// </summary>
internal static class CustomerEndpoints
{
    public static void MapCustomers(this IEndpointRouteBuilder app) =>
        app.MapFunction("GetCustomer", "GET", "customers/{customerId}",
            async (string customerId, CustomerDetailQuery query, CancellationToken ct) =>
                (await query.GetAsync(customerId, ct).ConfigureAwait(false)).ToHttp($"No customer '{QueryValues.Truncate(customerId)}'."));
}
