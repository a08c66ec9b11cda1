using Microsoft.AspNetCore.OpenApi;

namespace ArFunctions.FunctionApp.Http;

/// <summary>The OpenAPI document of the HTTP API, served at <see cref="Path"/>.</summary>
internal static class ApiDocument
{
    public const string Name = "v1";
    public const string Path = "/api/openapi.json";

    public static void Configure(OpenApiOptions options) =>
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "ArFunctions API";
            document.Info.Description = "Accounts-receivable collections: worklists, customers, intake, KPIs, runs, policy, tasks and payment webhooks. "
                + "Every route except /api/health and the webhooks needs a function key (header x-functions-key or ?code=).";
            return Task.CompletedTask;
        });
}
