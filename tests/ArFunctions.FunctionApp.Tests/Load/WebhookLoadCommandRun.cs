using ArFunctions.Application;
using ArFunctions.Application.Webhooks;
using ArFunctions.Benchmarks.WebhookLoad;

namespace ArFunctions.FunctionApp.Tests.Load;

/// <summary>The bench's webhook-load command at a small size: its exactly-once check passes a clean run and catches a doubled payment.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WebhookLoadCommandRun(AzuriteFixture azurite)
{
    [Fact]
    public async Task FailsOnlyOnTheDoubledInvoiceGivenOnePaymentAppliedTwice()
    {
        var options = new LoadOptions(Events: 200, Concurrency: 10, Duplicates: 0.1, ApplyConcurrency: 8, Seed: 7, ConnectionString: null);
        var doubled = "";
        using var output = new StringWriter();

        var report = await WebhookLoadCommand.RunAsync(options, azurite.ConnectionString, output, async (app, plan) =>
        {
            // A cent more taken off a partly paid invoice under a new step key: what a payment applied twice looks like there.
            var invoice = plan.Targets.Values.First(t => t.Original.OpenAmount - t.Paid >= 0.01m).Original;
            doubled = invoice.Id.Value;
            var today = app.Get<BusinessClock>().Today;
            await app.Get<IReceivablesLedger>().ApplyStepAsync(invoice.CustomerId, invoice.Id, "doubled", -0.01m, today, CancellationToken.None);
        });

        Assert.Equal(200, report.Posted.Outcomes.Count(o => o == DeliveryOutcome.Accepted));
        Assert.Equal(20, report.Posted.Outcomes.Count(o => o == DeliveryOutcome.Duplicate));
        var failure = Assert.Single(report.Failures);
        Assert.Contains("1 invoices' open amounts", failure, StringComparison.Ordinal);
        Assert.Contains(doubled + ":", failure, StringComparison.Ordinal);
        Assert.Contains("exactly-once: FAIL", output.ToString(), StringComparison.Ordinal);
    }
}
