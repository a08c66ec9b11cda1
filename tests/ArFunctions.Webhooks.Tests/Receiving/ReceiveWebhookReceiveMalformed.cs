using ArFunctions.Application.Webhooks;
using ArFunctions.Webhooks.Tests.Infrastructure;

namespace ArFunctions.Webhooks.Tests.Receiving;

[Collection(AzuriteCollection.Name)]
public class ReceiveWebhookReceiveMalformed(AzuriteFixture azurite)
{
    [Fact]
    public async Task RefusesEveryCaseAndWritesNothingGivenTheMalformedCorpus()
    {
        var harness = new WebhookHarness(azurite);
        await harness.Events.TryAddAsync(new WebhookEventRecord("stripe", "evt_seed", "seed", WebhookEventStatus.Ignored, default, null), CancellationToken.None);
        var before = await harness.CountRowsAsync();
        var cases = MalformedCorpus.Generate(harness).ToList();
        var wrong = new List<string>();

        foreach (var c in cases)
        {
            var result = await harness.Receive.ReceiveAsync(c.Source, c.Headers(harness), c.Body, CancellationToken.None);
            var ok = c.ExpectUnauthorized ? result is ReceiveResult.Unauthorized : result is ReceiveResult.Invalid or ReceiveResult.Unauthorized;
            if (!ok)
            {
                wrong.Add($"{c.Name}: {result}");
            }
        }

        Assert.True(cases.Count >= 200, $"only {cases.Count} cases");
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.Equal(before, await harness.CountRowsAsync());
        Assert.Empty(harness.Queue.Sent);
    }
}
