using ArFunctions.Application.Ports;
using ArFunctions.Application.Webhooks;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;
using ArFunctions.Webhooks.Tests.Builders;
using ArFunctions.Webhooks.Tests.Infrastructure;

namespace ArFunctions.Webhooks.Tests.Applying;

/// <summary>
/// The storage round trips of one ApplyPayment, per path, counted on the wire (<see cref="Local.StorageCallRecorder"/>):
/// each is what once-only needs, so a change that adds one shows here. docs/benchmarks.md explains each call.
/// </summary>
[Collection(AzuriteCollection.Name)]
public class ApplyPaymentEventHandleRoundTrips(AzuriteFixture azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task MakesEightRoundTripsGivenAPaymentOfPartOfAnInvoice()
    {
        var h = await WithInvoicesAsync(Send.Invoice("INV-1", "C1", 100m));
        await Send.StandardAsync(h, "msg_part", Send.Payment("payment.succeeded", "pay-part", 30m, "EUR", ("INV-1", 30m)));

        var (outcome, calls) = await ApplyAsync(h, "msg_part");

        Assert.Equal(ApplyOutcome.Applied, outcome);
        Assert.Equal("batch 1, insert PaymentStates 1, merge WebhookEvents 1, query ParkedRefunds 1, read InvoiceIndex 1, read Invoices 1, read WebhookEvents 1, replace Invoices 1", calls);
    }

    [Fact]
    public async Task MakesElevenRoundTripsGivenAPaymentThatClosesAnInvoiceWithPendingActions()
    {
        var h = await WithInvoicesAsync(Send.Invoice("INV-1", "C1", 100m), Send.Invoice("INV-2", "C1", 50m));
        var shard = h.Sharding.ShardOf(new CustomerId("C1"));
        await h.Shards.AddActionsAsync(shard, Send.Today, [Send.Action("a-paid", "INV-1"), Send.Action("a-both", "INV-1", "INV-2")], None);
        await Send.StandardAsync(h, "msg_full", Send.Payment("payment.succeeded", "pay-full", 100m, "EUR", ("INV-1", 100m)));

        var (outcome, calls) = await ApplyAsync(h, "msg_full");

        Assert.Equal(ApplyOutcome.Applied, outcome);
        Assert.Equal(ActionStatus.Skipped, (await h.Shards.GetActionAsync(shard, "a-paid", None))!.Status);
        Assert.Equal("batch 1, insert PaymentStates 1, merge Actions 1, merge WebhookEvents 1, query Actions 1, query Invoices 1, query ParkedRefunds 1, read InvoiceIndex 1, read Invoices 1, read WebhookEvents 1, replace Invoices 1", calls);
    }

    [Fact]
    public async Task MakesNineRoundTripsGivenAPaymentThatClosesAnInvoiceWithoutPendingActions()
    {
        var h = await WithInvoicesAsync(Send.Invoice("INV-1", "C1", 100m));
        await Send.StandardAsync(h, "msg_close", Send.Payment("payment.succeeded", "pay-close", 100m, "EUR", ("INV-1", 100m)));

        var (outcome, calls) = await ApplyAsync(h, "msg_close");

        Assert.Equal(ApplyOutcome.Applied, outcome);
        Assert.Equal("batch 1, insert PaymentStates 1, merge WebhookEvents 1, query Actions 1, query ParkedRefunds 1, read InvoiceIndex 1, read Invoices 1, read WebhookEvents 1, replace Invoices 1", calls);
    }

    [Fact]
    public async Task MakesSixRoundTripsGivenAPaymentOfAnUnknownInvoice()
    {
        var h = await WithInvoicesAsync(Send.Invoice("INV-1", "C1", 100m));
        await Send.StandardAsync(h, "msg_unknown", Send.Payment("payment.succeeded", "pay-unknown", 30m, "EUR", ("INV-404", 30m)));

        var (outcome, calls) = await ApplyAsync(h, "msg_unknown");

        Assert.Equal(ApplyOutcome.Applied, outcome);
        Assert.Single(await h.Unmatched.ListAsync(None));
        Assert.Equal("insert PaymentStates 1, insert UnmatchedPayments 1, merge WebhookEvents 1, query ParkedRefunds 1, read InvoiceIndex 1, read WebhookEvents 1", calls);
    }

    [Fact]
    public async Task MakesOneRoundTripGivenAnEventAlreadyApplied()
    {
        var h = await WithInvoicesAsync(Send.Invoice("INV-1", "C1", 100m));
        await Send.StandardAsync(h, "msg_twice", Send.Payment("payment.succeeded", "pay-twice", 30m, "EUR", ("INV-1", 30m)));
        await ApplyAsync(h, "msg_twice");

        var (outcome, calls) = await ApplyAsync(h, "msg_twice");

        Assert.Equal(ApplyOutcome.AlreadyApplied, outcome);
        Assert.Equal("read WebhookEvents 1", calls);
    }

    /// <summary>Handles the event's message once; the outcome, and the table calls and queue sends it made ("read Invoices 2, ...").</summary>
    private static async Task<(ApplyOutcome Outcome, string Calls)> ApplyAsync(WebhookHarness h, string eventId)
    {
        while (h.Queue.TryTake(out _))
        {
        }

        h.Calls.Clear();
        var outcome = await h.Apply.HandleAsync(new PaymentEventMessage("payments", eventId), None);
        var counts = h.Calls.Counts(h.Tables.Prefix);
        counts.Remove("insert Tables"); // a table's creation: once per process, not per payment
        if (h.Queue.Sent.Count > 0)
        {
            counts["send"] = h.Queue.Sent.Count;
        }

        var text = string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"));
        return (outcome, text);
    }

    private async Task<WebhookHarness> WithInvoicesAsync(params Invoice[] invoices)
    {
        var h = new WebhookHarness(azurite);
        await h.Invoices.UpsertAsync(invoices, None);
        return h;
    }
}
