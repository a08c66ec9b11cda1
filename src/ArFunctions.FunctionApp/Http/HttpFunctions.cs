using ArFunctions.FunctionApp.Functions;

namespace ArFunctions.FunctionApp.Http;

/// <summary>
/// The forwarded HTTP functions. Each route is declared once here with the function it belongs to; the host checks
/// the function key (authLevel function) before it forwards, so the handler sees only authorised requests.
/// </summary>
internal static class HttpFunctions
{
    public static void MapHttpFunctions(this IEndpointRouteBuilder app)
    {
        app.MapHealth();
        app.MapIntake();
        app.MapWorklists();
        app.MapRuns();
        app.MapTasks();
        app.MapCustomers();
        app.MapKpis();
        app.MapPolicy();
        app.MapWebhooks();
        app.MapPayments();
        app.MapPage();
    }

    /// <summary>Maps one HTTP function at <c>/api/{route}</c>.</summary>
    public static RouteHandlerBuilder MapFunction(
        this IEndpointRouteBuilder app, string name, string method, string route, Delegate handler, AuthLevel authLevel = AuthLevel.Function) =>
        app.MapMethods("/api/" + route, [method], handler)
            .WithName(name)
            .WithMetadata(new HttpFunction(name, authLevel))
            .ProducesProblem(StatusCodes.Status400BadRequest);
}
