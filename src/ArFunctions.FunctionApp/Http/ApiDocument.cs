using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ArFunctions.FunctionApp.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace ArFunctions.FunctionApp.Http;

/// <summary>What an HTTP function does, in one sentence, for the OpenAPI document.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ApiSummaryAttribute(string summary) : Attribute
{
    public string Summary { get; } = summary;
}

/// <summary>
/// The OpenAPI 3.1 document of the HTTP API, built from the same <see cref="FunctionAttribute"/> and
/// <see cref="HttpTriggerAttribute"/> declarations the SDK turns into functions.metadata: one operation per function
/// and method, its route parameters, and who may call it (<see cref="CallersAttribute"/>): a function key, a signed-in
/// person with the listed roles (<c>x-roles</c>; empty: any signed-in person), or anyone.
/// </summary>
public sealed partial class ApiDocument(JsonObject document)
{
    /// <summary>The host's route prefix (host.json extensions.http.routePrefix).</summary>
    public const string RoutePrefix = "api";

    private const string KeyScheme = "functionKey";

    private const string SignInScheme = "signIn";

    public string Json { get; } = document.ToJsonString();

    public static ApiDocument Build(Assembly assembly)
    {
        var paths = new JsonObject();
        foreach (var (name, trigger, method) in HttpFunctions(assembly).OrderBy(f => f.Trigger.Route, StringComparer.Ordinal))
        {
            var route = RouteParameter().Replace(trigger.Route ?? name, m => "{" + m.Groups["name"].Value + "}");
            var path = (JsonObject)(paths["/" + RoutePrefix + "/" + route] ??= new JsonObject());
            foreach (var verb in trigger.Methods ?? ["get", "post"])
            {
                path[verb.ToLowerInvariant()] = Operation(name, trigger, method);
            }
        }

        return new ApiDocument(new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "ArFunctions API",
                ["version"] = "v1",
                ["description"] = "Accounts-receivable collections: worklists, customers, intake, KPIs, runs, policy, tasks and payment webhooks. "
                    + "Operations with the functionKey requirement need a function key (header x-functions-key or ?code=), those with signIn a signed-in person with one of the x-roles; errors are problem+json (docs/api.md).",
            },
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject
                {
                    [KeyScheme] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = "x-functions-key" },
                    [SignInScheme] = new JsonObject
                    {
                        ["type"] = "apiKey",
                        ["in"] = "cookie",
                        ["name"] = "AppServiceAuthSession",
                        ["description"] = "A person signed in with Entra ID through App Service authentication (/.auth/login/aad); a function key does not count. Roles: x-roles.",
                    },
                },
            },
        });
    }

    /// <summary>Every <c>[Function]</c> method of the assembly with an HTTP trigger.</summary>
    public static IEnumerable<(string Name, HttpTriggerAttribute Trigger, MethodInfo Method)> HttpFunctions(Assembly assembly) =>
        from type in assembly.GetTypes()
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
        let function = method.GetCustomAttribute<FunctionAttribute>()
        let trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(t => t is not null)
        where function is not null && trigger is not null
        select (function.Name, trigger, method);

    private static JsonObject Operation(string name, HttpTriggerAttribute trigger, MethodInfo method)
    {
        var parameters = new JsonArray();
        foreach (Match match in RouteParameter().Matches(trigger.Route ?? string.Empty))
        {
            parameters.Add(new JsonObject
            {
                ["name"] = match.Groups["name"].Value,
                ["in"] = "path",
                ["required"] = true,
                ["schema"] = new JsonObject { ["type"] = "string" },
            });
        }

        var operation = new JsonObject
        {
            ["operationId"] = name,
            ["summary"] = method.GetCustomAttribute<ApiSummaryAttribute>()?.Summary ?? name,
            ["parameters"] = parameters,
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject { ["description"] = "Success" },
                ["default"] = new JsonObject
                {
                    ["description"] = "A problem (RFC 9457)",
                    ["content"] = new JsonObject { ["application/problem+json"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } } },
                },
            },
        };
        var callers = method.GetCustomAttribute<CallersAttribute>();
        operation["security"] = callers?.Audience switch
        {
            Audience.People => new JsonArray(new JsonObject { [SignInScheme] = new JsonArray() }),
            Audience.Machines => new JsonArray(new JsonObject { [KeyScheme] = new JsonArray() }),
            _ => new JsonArray(),
        };
        if (callers is { Audience: not Audience.Public })
        {
            operation["x-roles"] = new JsonArray([.. callers.Roles.Select(role => JsonValue.Create(role.ToString()))]);
        }

        return operation;
    }

    [GeneratedRegex(@"\{\*?(?<name>[A-Za-z][A-Za-z0-9]*)\??(:[^}]*)?\}")]
    private static partial Regex RouteParameter();
}

/// <summary>GET /api/openapi.json: the document above.</summary>
public sealed class OpenApiFunctions(ApiDocument document)
{
    [Function("OpenApi")]
    [Callers(Audience.Machines)]
    [ApiSummary("This OpenAPI document.")]
    public IActionResult Get([HttpTrigger(AuthorizationLevel.Function, "get", Route = "openapi.json")] HttpRequest request) =>
        TypedResults.Text(document.Json, "application/json", System.Text.Encoding.UTF8).ToAction();
}
