using ArFunctions.Application.Emails;
using ArFunctions.Application.Ports;
using ArFunctions.Domain.Invoices;
using ArFunctions.Storage.Stores;
using MimeKit;

namespace ArFunctions.Email.Tests;

/// <summary>What the sent email says, read back from the .eml file the pickup sender wrote.</summary>
public sealed partial class SendEmailHandle
{
    [Fact]
    public async Task TotalsTheWholeAccountAndRepliesToTheArMailboxGivenOpenInvoicesOutsideTheEmail()
    {
        var message = await PlanAsync();
        await _pipeline.Get<InvoiceStore>().UpsertAsync(
            [
                Invoice("INV-OLD", 5000m) with { DueDate = AsOf.AddDays(-60) },
                Invoice("INV-NEW", 700m) with { DueDate = AsOf.AddDays(20) },
                Invoice("INV-PAID", 900m) with { Status = InvoiceStatus.Paid, OpenAmount = 0m },
            ],
            CancellationToken.None);

        Assert.IsType<SendEmailResult.Sent>(await Handle(message));

        using var mime = await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(_outbox, "*.eml")));
        Assert.Equal("Acme Supplies: overdue invoices for Customer & Co", mime.Subject);
        Assert.Equal(ArMailbox, Assert.Single(mime.ReplyTo.Mailboxes).Address);
        Assert.Contains("Your account (4 open invoices):", mime.TextBody, StringComparison.Ordinal);
        Assert.Contains("Open balance $7,200.00, of which overdue $6,500.00; in this email $1,500.00", mime.TextBody, StringComparison.Ordinal);
        Assert.Contains("Remit to:\nAcme Supplies Inc.\nPO Box 100\nSpringfield, IL 62701", mime.TextBody, StringComparison.Ordinal);
        Assert.Contains("How to pay: ACH to account 123456789; quote the invoice number.", mime.TextBody, StringComparison.Ordinal);
        Assert.Contains("Oct 23, 2026", mime.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SkipsWithReasonGivenADueSoonReminderSentAfterTheDueDate()
    {
        Invoices = [Invoice("INV-A", 1200m) with { DueDate = AsOf.AddDays(3) }];
        var message = await PlanAsync(template: "upcoming");
        _time.Advance(TimeSpan.FromDays(5));

        var result = await Handle(message);

        var skipped = Assert.IsType<SendEmailResult.Skipped>(result);
        Assert.Equal("no invoice left to chase: INV-A past due since 2026-11-05, after this reminder was planned as not yet due", skipped.Reason);
        Assert.False(Directory.Exists(_outbox) && Directory.GetFiles(_outbox).Length > 0);
        Assert.Equal((ActionStatus.Skipped, skipped.Reason), ((await StoredAsync(message)).Status, (await StoredAsync(message)).StatusReason));
    }

    [Fact]
    public async Task SendsTheDueSoonReminderGivenItIsSentOnTheDueDate()
    {
        Invoices = [Invoice("INV-A", 1200m) with { DueDate = AsOf.AddDays(3) }];
        var message = await PlanAsync(template: "upcoming");
        _time.Advance(TimeSpan.FromDays(3));

        Assert.IsType<SendEmailResult.Sent>(await Handle(message));
    }

    [Fact]
    public async Task KeepsTheOverdueEmailGivenItWasPlannedForAnInvoiceAlreadyPastDue()
    {
        Invoices = [Invoice("INV-A", 1200m), Invoice("INV-B", 300m) with { DueDate = AsOf.AddDays(1) }];
        var message = await PlanAsync();
        _time.Advance(TimeSpan.FromDays(3));

        Assert.IsType<SendEmailResult.Sent>(await Handle(message));

        using var mime = await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(_outbox, "*.eml")));
        Assert.Contains("INV-B", mime.TextBody, StringComparison.Ordinal);
        Assert.Contains("Nov 5, 2026", mime.TextBody, StringComparison.Ordinal);
    }
}
