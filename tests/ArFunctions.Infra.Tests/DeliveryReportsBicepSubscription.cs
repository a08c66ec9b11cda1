using System.Text.Json.Nodes;
using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Emails;
using ArFunctions.Infra.Tests.Infrastructure;

namespace ArFunctions.Infra.Tests;

/// <summary>The Event Grid system topic and subscription of infra/modules/deliveryreports.bicep as compiled from infra/main.bicep.</summary>
public sealed class DeliveryReportsBicepSubscription(CompiledMainTemplate compiled) : IClassFixture<CompiledMainTemplate>
{
    [Fact]
    public void ListensOnTheCommunicationServicesResourceGivenASystemTopicWithItsOwnIdentity()
    {
        var topic = Resource("Microsoft.EventGrid/systemTopics");

        Assert.Equal("Microsoft.Communication.CommunicationServices", (string?)topic["properties"]!["topicType"]);
        Assert.Equal("[resourceId('Microsoft.Communication/communicationServices', parameters('communicationName'))]", (string?)topic["properties"]!["source"]);
        Assert.Equal("SystemAssigned", (string?)topic["identity"]!["type"]);
    }

    [Fact]
    public void DeliversOnlyDeliveryReportsToTheQueueGivenManagedIdentityAndNoEndpoint()
    {
        var properties = Resource("Microsoft.EventGrid/systemTopics/eventSubscriptions")["properties"]!;
        var delivery = properties["deliveryWithResourceIdentity"]!;

        Assert.Equal([DeliveryReportEvent.EventType], properties["filter"]!["includedEventTypes"]!.AsArray().Select(type => (string)type!));
        Assert.Equal("EventGridSchema", (string?)properties["eventDeliverySchema"]);
        Assert.Null(properties["destination"]);
        Assert.Equal("SystemAssigned", (string?)delivery["identity"]!["type"]);
        Assert.Equal("StorageQueue", (string?)delivery["destination"]!["endpointType"]);
        Assert.Equal("[parameters('queueName')]", (string?)delivery["destination"]!["properties"]!["queueName"]);
        Assert.Equal(
            $"[format('{{0}}{QueueNames.DeliveryReports}', parameters('queuePrefix'))]",
            (string?)Module()["properties"]!["parameters"]!["queueName"]!["value"]);
    }

    [Fact]
    public void LetsTheTopicOnlyAddQueueMessagesGivenItsRoleAssignment()
    {
        var assignment = Resource("Microsoft.Authorization/roleAssignments");

        Assert.Equal("c6a89b2d-59bc-44d0-9896-0f6e12d7b80a", (string?)CompiledMainTemplate.TemplateOf(Module())["variables"]!["storageQueueDataMessageSender"]);
        Assert.Contains("storageQueueDataMessageSender", (string?)assignment["properties"]!["roleDefinitionId"], StringComparison.Ordinal);
        Assert.Contains("Microsoft.EventGrid/systemTopics", (string?)assignment["properties"]!["principalId"], StringComparison.Ordinal);
        Assert.Contains("identity.principalId", (string?)assignment["properties"]!["principalId"], StringComparison.Ordinal);
    }

    [Fact]
    public void DoesNotWaitForTheAppGivenItDependsOnlyOnCommunicationAndStorage()
    {
        var dependsOn = Module()["dependsOn"]!.AsArray().Select(dependency => (string)dependency!).ToArray();

        // The resource group is the module's scope; the function app is not among them.
        Assert.Equal(["communication", "group", "storage"], dependsOn.Order(StringComparer.Ordinal));
    }

    private JsonObject Module() => compiled.ModuleDeclaring("storageQueueDataMessageSender");

    private JsonObject Resource(string type) =>
        Assert.Single(CompiledMainTemplate.ResourcesOf(CompiledMainTemplate.TemplateOf(Module())), resource => (string?)resource["type"] == type);
}
