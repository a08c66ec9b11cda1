using ArFunctions.Application.DailyRuns;

namespace ArFunctions.Application.Tests.DailyRuns;

public class QueueNamesFull
{
    [Fact]
    public void NamesTheDeployedQueuesGivenTheDefaultPrefix()
    {
        Assert.Equal(
            ["ar-shards", "ar-emails", "ar-tasks", "ar-payments", "ar-delivery-reports"],
            QueueNames.All.Select(name => QueueNames.Full(QueueNames.DefaultPrefix, name)));
    }

    [Fact]
    public void AppendsThePoisonSuffixGivenAPoisonQueue()
    {
        Assert.Equal("ardemo-shards-poison", QueueNames.Poison("ardemo-", QueueNames.Shards));
    }

    [Theory]
    [InlineData(QueueNames.ShardsTrigger, QueueNames.Shards)]
    [InlineData(QueueNames.EmailsTrigger, QueueNames.Emails)]
    [InlineData(QueueNames.TasksTrigger, QueueNames.Tasks)]
    [InlineData(QueueNames.PaymentsTrigger, QueueNames.Payments)]
    [InlineData(QueueNames.DeliveryReportsTrigger, QueueNames.DeliveryReports)]
    public void AgreesWithTheTriggerGivenTheHostResolvesThePrefixSetting(string trigger, string name)
    {
        // The host replaces %setting% with the app setting's value; the rest of the expression is literal.
        var resolved = trigger.Replace("%" + QueueNames.PrefixSetting + "%", "tenant7-", StringComparison.Ordinal);

        Assert.Equal(QueueNames.Full("tenant7-", name), resolved);
    }
}
