using ArFunctions.FaultReplay;
using ArFunctions.Storage.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ArFunctions.Storage.Tests.Replay;

/// <summary>
/// The small fault-injected replay (the benchmark's <c>fault-replay</c> runs it large): crashes at the handlers'
/// writes, repeated and concurrent deliveries, ACS faults, repeated and reordered webhooks, and then nothing sent,
/// created, fired or applied twice, no payment lost, nothing stuck, every poison message explained.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class OnceOnlyReplayRun(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task TwelveBusinessDaysUnderFaultsContactNobodyTwiceAndLoseNoPayment()
    {
        var options = new ReplayOptions
        {
            Customers = 40,
            BusinessDays = 12,
            Seed = 11,
            CrashRate = 0.3,
            PolicyPath = Path.Combine(AppContext.BaseDirectory, "config", "policy.sample.json"),
            ConnectionString = azurite.ConnectionString,
        };

        var report = await OnceOnlyReplay.RunAsync(options, CancellationToken.None);

        output.WriteLine(report.Format());
        Assert.True(report.CrashesInjected > 0, "the replay injected no crash");
        Assert.True(report.EmailsDelivered > 0 && report.Tasks > 0 && report.PaymentsAccepted > 0, "the replay sent, created or applied nothing");
        Assert.True(report.Holds, report.Format());
    }
}
