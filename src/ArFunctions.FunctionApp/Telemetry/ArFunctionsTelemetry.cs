using ArFunctions.Application.Telemetry;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using OpenTelemetry;
using OpenTelemetry.Resources;

namespace ArFunctions.FunctionApp.Telemetry;

/// <summary>
/// OpenTelemetry through the worker's integration (each invocation a span under the host's trace), with the
/// "ArFunctions" source and meter, the Azure SDK's Table, Queue and HTTP pipeline spans (Azure.Core's activity
/// sources), and outgoing HttpClient calls, so one daily run shows as one trace with its storage and ACS calls.
/// Exported to Azure Monitor when
/// APPLICATIONINSIGHTS_CONNECTION_STRING is set (with Entra auth when APPLICATIONINSIGHTS_AUTHENTICATION_STRING
/// names a managed identity's client id, as the Bicep deployment does; local auth is off there).
/// </summary>
internal static class ArFunctionsTelemetry
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    public static System.Diagnostics.ActivitySource Source => ArFunctionsMetrics.Source;

    /// <summary>Azure.Core's activity sources (Azure.Data.Tables.*, Azure.Storage.Queues.*, Azure.Core.Http ...).</summary>
    public const string AzureSdkSources = "Azure.*";

    /// <summary>.NET's own activity source for HttpClient requests (the ACS client and anything else).</summary>
    public const string HttpClientSource = "System.Net.Http";

    public static FunctionsApplicationBuilder AddArFunctionsTelemetry(this FunctionsApplicationBuilder builder)
    {
        // Azure.Core emits its spans only when asked to (the switch is documented as experimental but stable in use).
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
        var connectionString = builder.Configuration[ConnectionStringSetting];
        var exportToAzure = !string.IsNullOrWhiteSpace(connectionString);
        var credential = exportToAzure ? Credential(builder.Configuration[AuthenticationSetting]) : null;

        var telemetry = builder.Services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .ConfigureResource(resource => resource.AddService("ArFunctions"))
            .WithTracing(tracing =>
            {
                tracing.AddSource(ArFunctionsMetrics.Name, AzureSdkSources, HttpClientSource);
                if (exportToAzure)
                {
                    tracing.AddAzureMonitorTraceExporter(o => Configure(o, connectionString!, credential));
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ArFunctionsMetrics.Name);
                if (exportToAzure)
                {
                    metrics.AddAzureMonitorMetricExporter(o => Configure(o, connectionString!, credential));
                }
            });
        if (exportToAzure)
        {
            telemetry.WithLogging(logging => logging.AddAzureMonitorLogExporter(o => Configure(o, connectionString!, credential)));
        }

        return builder;
    }

    /// <summary><c>Authorization=AAD;ClientId=&lt;id&gt;</c>: the user-assigned identity's token; <c>Authorization=AAD</c> alone: the default credential.</summary>
    private static ManagedIdentityCredential? Credential(string? authentication)
    {
        if (string.IsNullOrWhiteSpace(authentication) || !authentication.Contains("Authorization=AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var clientId = authentication.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .FirstOrDefault(kv => kv.Length == 2 && kv[0].Equals("ClientId", StringComparison.OrdinalIgnoreCase))?[1];
        return clientId is null
            ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
    }

    private static void Configure(AzureMonitorExporterOptions options, string connectionString, ManagedIdentityCredential? credential)
    {
        options.ConnectionString = connectionString;
        if (credential is not null)
        {
            options.Credential = credential;
        }
    }
}
