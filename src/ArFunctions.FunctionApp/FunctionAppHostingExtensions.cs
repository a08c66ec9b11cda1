using System.Net;
using System.Text.Json.Serialization;
using ArFunctions.FunctionApp.Functions;
using ArFunctions.FunctionApp.Http;
using ArFunctions.FunctionApp.Protocol;
using ArFunctions.FunctionApp.Telemetry;
using ArFunctions.Storage.Queues;

namespace ArFunctions.FunctionApp;

public static class FunctionAppHostingExtensions
{
    /// <summary>The port the Functions host tells a custom handler to listen on (loopback only).</summary>
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>
    /// Kestrel on the host's port, JSON as the queues and the API speak it (camelCase, kebab-case enums),
    /// problem+json errors, the OpenAPI document, telemetry, and the function handlers.
    /// </summary>
    public static WebApplicationBuilder AddArFunctionsFunctionApp(this WebApplicationBuilder builder)
    {
        if (int.TryParse(Environment.GetEnvironmentVariable(PortVariable), out var port))
        {
            // The host polls http://127.0.0.1:<port>/ until it answers; nothing else may reach the handler.
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        }

        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = QueueSender.SerializerOptions.PropertyNamingPolicy;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.KebabCaseLower));
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi(ApiDocument.Name, ApiDocument.Configure);
        builder.Services.AddSingleton<PoisonQueue>();
        builder.AddArFunctionsTelemetry();
        return builder;
    }

    /// <summary>The readiness probe, one endpoint per function (triggers at /{Name}, HTTP functions under /api), the OpenAPI document.</summary>
    public static WebApplication MapArFunctions(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = UnhandledErrors.WriteAsync });
        app.UseStatusCodePages();
        app.MapGet("/", () => Results.Ok(new { status = "ready" })).ExcludeFromDescription();
        app.MapDailyRunFunctions();
        app.MapActionFunctions();
        app.MapHttpFunctions();
        app.MapOpenApi(ApiDocument.Path).WithMetadata(new HttpFunction("OpenApi", AuthLevel.Function));
        return app;
    }
}
