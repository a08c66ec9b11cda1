using System.Text.Json;
using ArFunctions.FunctionApp.Tests.Infrastructure;

namespace ArFunctions.FunctionApp.Tests.Packaging;

/// <summary>
/// The built functions.metadata is the contract with the Functions host: every function's name, trigger, queue or
/// schedule setting, route, methods and auth level, against this one table. A change to any of them is a change to
/// the deployed app's surface, so it must show up here.
/// </summary>
public sealed class FunctionsMetadataContract
{
    public static readonly string[] Expected =
    [
        "AssignTask httpTrigger POST tasks/{taskId}/assign anonymous",
        "ApplyPayment queueTrigger %ArFunctions:Storage:QueuePrefix%payments",
        "CollectorPage httpTrigger GET app/{*path} anonymous",
        "CustomerPortalPage httpTrigger GET portal/{token} anonymous",
        "CustomerPortalFiles httpTrigger GET portal/files/{name} anonymous",
        "GetPortalAccount httpTrigger GET portal/{token}/account anonymous",
        "GetPortalStatement httpTrigger GET portal/{token}/statement anonymous",
        "CreateCallTask queueTrigger %ArFunctions:Storage:QueuePrefix%tasks",
        "DailyRun timerTrigger %DailyRunSchedule%",
        "GetCollectorWorklist httpTrigger GET worklists/{collectorId} anonymous",
        "GetCustomer httpTrigger GET customers/{customerId} anonymous",
        "GetCustomerDecisions httpTrigger GET customers/{customerId}/decisions anonymous",
        "GetCustomerStatement httpTrigger GET customers/{customerId}/statement anonymous",
        "GetKpis httpTrigger GET kpis anonymous",
        "GetMe httpTrigger GET me anonymous",
        "GetPolicy httpTrigger GET policy function",
        "GetPolicyHistory httpTrigger GET policy/history function",
        "GetRun httpTrigger GET runs/{asOf} function",
        "GetRunProblems httpTrigger GET runs/{asOf}/problems anonymous",
        "GetTopWorklist httpTrigger GET worklists anonymous",
        "GetUnmatchedPayments httpTrigger GET payments/unmatched function",
        "Health httpTrigger GET health anonymous",
        "OpenApi httpTrigger GET openapi.json function",
        "PortalDispute httpTrigger POST portal/{token}/dispute anonymous",
        "PortalOptOut httpTrigger POST portal/{token}/opt-out anonymous",
        "PortalPromise httpTrigger POST portal/{token}/promise anonymous",
        "PortalRequest httpTrigger POST portal/{token}/request anonymous",
        "PreviewPolicy httpTrigger POST policy/preview anonymous",
        "ProcessShard queueTrigger %ArFunctions:Storage:QueuePrefix%shards",
        "ProcessorWebhook httpTrigger POST webhooks/{source} anonymous",
        "PutCredits httpTrigger PUT credits function",
        "PutCustomers httpTrigger PUT customers function",
        "PutInvoices httpTrigger PUT invoices function",
        "PutPayments httpTrigger PUT payments function",
        "PutPolicy httpTrigger PUT policy function",
        "RecordTaskOutcome httpTrigger POST tasks/{taskId}/outcome anonymous",
        "ResolveUnmatchedPayment httpTrigger POST payments/unmatched/{unmatchedId}/resolve function",
        "StartRun httpTrigger POST runs function",
        "StripeWebhook httpTrigger POST webhooks/stripe anonymous",
        "SendEmail queueTrigger %ArFunctions:Storage:QueuePrefix%emails",
        "RecordDeliveryReport queueTrigger %ArFunctions:Storage:QueuePrefix%delivery-reports",
    ];

    [Fact]
    public void EveryFunctionHasTheTriggerSettingRouteMethodsAndAuthLevelOfTheTable()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppBuild.Directory, "functions.metadata")));

        var actual = metadata.RootElement.EnumerateArray().Select(Describe).Order(StringComparer.Ordinal);

        Assert.Equal(Expected.Order(StringComparer.Ordinal), actual);
    }

    [Fact]
    public void EveryHttpFunctionAnswersThroughItsReturnValueAndEveryOtherHasNoOutput()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppBuild.Directory, "functions.metadata")));

        foreach (var function in metadata.RootElement.EnumerateArray())
        {
            var bindings = function.GetProperty("bindings").EnumerateArray().ToList();
            var isHttp = bindings.Any(b => b.GetProperty("type").GetString() == "httpTrigger");
            var outputs = bindings.Where(b => b.GetProperty("direction").GetString() == "Out").Select(b => b.GetProperty("type").GetString()).ToList();
            Assert.Equal(isHttp ? ["http"] : [], outputs);
        }
    }

    private static string Describe(JsonElement function)
    {
        var trigger = function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("direction").GetString() == "In");
        var type = trigger.GetProperty("type").GetString();
        var detail = type switch
        {
            "httpTrigger" => string.Join(',', trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()))
                + " " + trigger.GetProperty("route").GetString() + " " + trigger.GetProperty("authLevel").GetString()!.ToLowerInvariant(),
            "queueTrigger" => trigger.GetProperty("queueName").GetString(),
            _ => trigger.GetProperty("schedule").GetString(),
        };
        return $"{function.GetProperty("name").GetString()} {type} {detail}";
    }
}
