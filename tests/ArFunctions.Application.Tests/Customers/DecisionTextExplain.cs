using ArFunctions.Application.Customers;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Decisions;

namespace ArFunctions.Application.Tests.Customers;

public class DecisionTextExplain
{
    private static readonly DateOnly Day = new(2026, 1, 13);

    [Fact]
    public void NamesTheLadderStepThatWentOutInsteadGivenABrokenPromiseEscalationFiredToo()
    {
        var fired = new[]
        {
            new FiredStepView("I1", "broken-promise-20260110", "escalation", "20260113-C1-escalation", null, "sent", null),
            new FiredStepView("I1", "d5-email", "email", "20260113-C1-email", "ap-clerk", "sent", null),
        };

        var lines = DecisionText.Explain(Decision([new NotFiredStep(NotFiredReason.Superseded, new InvoiceId("I1"), "d3-call")]), fired);

        Assert.Equal(
            [
                "segment standard (rule: default)",
                "escalation (broken-promise-20260110) for I1: task created",
                "email (d5-email) for I1 to ap-clerk: sent",
                "step d3-call for I1 not made: superseded; the email (d5-email) went out instead",
            ],
            lines);
    }

    [Fact]
    public void SaysALaterStepHadFiredGivenNothingFiredTodayForTheInvoice()
    {
        var lines = DecisionText.Explain(Decision([new NotFiredStep(NotFiredReason.Superseded, new InvoiceId("I2"), "d1-call")]), []);

        Assert.Equal("step d1-call for I2 not made: superseded; a later step had already fired", lines[^1]);
    }

    [Fact]
    public void SaysCoveredByCreditGivenTheCustomersCreditsCoverTheInvoiceOrTheBalance()
    {
        var lines = DecisionText.Explain(Decision([new NotFiredStep(NotFiredReason.CoveredByCredit, new InvoiceId("I2")), new NotFiredStep(NotFiredReason.CoveredByCredit)]), []);

        Assert.Equal(
            ["a due step for I2 not made: covered by credit (the customer's credits cover its open amount)",
             "not chased: the customer's credits bring the balance below the policy's minimum"],
            lines.TakeLast(2));
    }

    [Fact]
    public void SaysWhyAnActionWasNotCarriedOutGivenItWasSkippedWhenItsTurnCame()
    {
        var fired = new[] { new FiredStepView("I1", "d5-email", "email", "20260113-C1-email", "ap-clerk", "skipped", "no invoice left to chase: I1 paid") };

        var lines = DecisionText.Explain(Decision([]), fired);

        Assert.Equal("email (d5-email) for I1 to ap-clerk: not carried out when its turn came: no invoice left to chase: I1 paid", lines[^1]);
    }

    [Theory]
    [InlineData("bounced", "5.1.1 mailbox unavailable", "sent, bounced: 5.1.1 mailbox unavailable")]
    [InlineData("filtered-spam", null, "sent, filtered spam")]
    public void SaysWhatTheMailServiceReportedGivenADeliveryReportOnTheSentEmail(string status, string? details, string said)
    {
        var delivery = new DeliveryView(status, details, new DateTimeOffset(2026, 1, 13, 9, 5, 0, TimeSpan.Zero));
        var fired = new[] { new FiredStepView("I1", "d5-email", "email", "20260113-C1-email", "ap-clerk", "sent", null, delivery) };

        var lines = DecisionText.Explain(Decision([]), fired);

        Assert.Equal("email (d5-email) for I1 to ap-clerk: " + said, lines[^1]);
    }

    [Fact]
    public void NamesTheTemplateTheCustomerReadGivenABaselineDaysLetter()
    {
        var fired = new[] { new FiredStepView("I1", "d30-letter", "letter", "20260113-C1-letter", "cfo", "sent", null, Template: "overdue") };
        var decision = Decision([new NotFiredStep(NotFiredReason.Baseline, new InvoiceId("I1"), "d5-email")]);

        var lines = DecisionText.Explain(decision, fired);

        Assert.Equal(
            ["letter (d30-letter, template overdue) for I1 to cfo: task created",
             "step d5-email for I1 not made: already past on the customer's first run (baseline); the ladder starts at the current step"],
            lines.TakeLast(2));
    }

    [Fact]
    public void SaysTheStepWaitsForTheNextBusinessDayGivenNotABusinessDay()
    {
        var lines = DecisionText.Explain(Decision([new NotFiredStep(NotFiredReason.NotBusinessDay, new InvoiceId("I3"), "d5-email")]), []);

        Assert.Equal("step d5-email for I3 waited: customers are contacted on business days only; it fires on the next business day", lines[^1]);
    }

    [Fact]
    public void SaysTheMoveAndItsTriggersGivenASegmentMove()
    {
        var moved = Decision([]) with { SegmentId = "high-risk", MovedFrom = "standard", Triggers = ["avgDaysLate 18.2 > 15"] };

        Assert.Equal("segment high-risk, moved from standard: avgDaysLate 18.2 > 15", DecisionText.Explain(moved, [])[0]);
    }

    private static DayDecision Decision(IReadOnlyList<NotFiredStep> notFired) =>
        new(new CustomerId("C1"), Day, "standard", "default", null, [], [], notFired);
}
