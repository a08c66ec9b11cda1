using System.Text.Json.Serialization;
using ArFunctions.FunctionApp.Functions;
using ArFunctions.FunctionApp.Http;
using ArFunctions.FunctionApp.Identity;
using ArFunctions.FunctionApp.Telemetry;
using ArFunctions.Storage.Queues;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

namespace ArFunctions.FunctionApp;

public static class FunctionAppHostingExtensions
{
    /// <summary>
    /// JSON as the queues and the API speak it (camelCase, kebab-case enums), problem+json for every unhandled error,
    /// who may call each HTTP function and how large a body it takes (checked before it runs),
    /// the poison copy for messages that can never succeed, the OpenAPI document, telemetry, and quiet hosting logs
    /// (request URLs can carry a function key in <c>?code=</c>, so the framework's request logs stay at Warning).
    /// </summary>
    public static FunctionsApplicationBuilder AddArFunctionsFunctionApp(this FunctionsApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = QueueSender.SerializerOptions.PropertyNamingPolicy;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.KebabCaseLower));
        });
        builder.Services.AddSingleton<PoisonQueue>();
        builder.Services.AddOptions<IdentityOptions>().BindConfiguration(IdentityOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<IdentityOptions>, IdentityOptionsValidator>();
        builder.Services.AddSingleton<CallerSource>();
        builder.Services.AddSingleton(_ => ApiDocument.Build(typeof(FunctionAppHostingExtensions).Assembly));
        builder.Services.AddSingleton(_ => HttpAudiences.Of(typeof(FunctionAppHostingExtensions).Assembly));
        builder.Services.AddSingleton(_ => BodyLimits.Of(typeof(FunctionAppHostingExtensions).Assembly));
        builder.UseMiddleware<HttpErrors>();
        builder.UseMiddleware<CallerGate>();
        builder.UseMiddleware<BodyGate>();
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.AddArFunctionsTelemetry();
        return builder;
    }
}
