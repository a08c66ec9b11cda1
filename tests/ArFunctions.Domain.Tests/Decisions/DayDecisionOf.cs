using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Decisions;
using ArFunctions.Domain.Engine;
using ArFunctions.Domain.Segmentation;
using ArFunctions.Domain.Strategies;

namespace ArFunctions.Domain.Tests.Decisions;

public class DayDecisionOf
{
    private static readonly DateOnly Day = new(2026, 1, 13);
    private static readonly CustomerId Customer = new("C1");
    private static readonly SegmentState State = new("standard", Day, null, 0, Day);

    [Fact]
    public void IsNullGivenNothingDueNothingHeldBackAndNoMove()
    {
        var decision = new CustomerDecision(Stay(), CustomerPlan.Nothing);

        Assert.Null(DayDecision.Of(Customer, Day, decision));
    }

    [Fact]
    public void ListsFiredStepsWithTheirActionAndSkippedStepsAndNotesWithTheirReasons()
    {
        var email = new StepRef(new InvoiceId("I1"), "v1", "d5-email");
        var action = new PlannedAction("20260113-C1-email", ActionKind.Email, Customer, "overdue", new Contact("Ann", ContactRole.ApClerk, "ann@example.test", null), null, [email.InvoiceId], [email]);
        var plan = new CustomerPlan(
            [
                new LedgerEntry(new InvoiceId("I1"), "standard", "v1", "d3-call", LedgerOutcome.Skipped, SkipReason.Superseded, Day),
                new LedgerEntry(new InvoiceId("I1"), "standard", "v1", "d5-email", LedgerOutcome.Fired, null, Day),
                new LedgerEntry(new InvoiceId("I2"), "standard", "v1", "pre-due-paper", LedgerOutcome.Skipped, SkipReason.ConditionNotMet, Day),
                new LedgerEntry(new InvoiceId("I3"), "standard", "v1", "d1-call", LedgerOutcome.Skipped, SkipReason.NoContact, Day),
            ],
            [action],
            [
                new PlanNote(PlanNoteKind.PausedByDispute, new InvoiceId("I4")),
                new PlanNote(PlanNoteKind.PausedByPromise, new InvoiceId("I5")),
                new PlanNote(PlanNoteKind.DeferredByContactCap, new InvoiceId("I6"), "d3-call"),
                new PlanNote(PlanNoteKind.NoContact, new InvoiceId("I3"), "d1-call"),
            ]);

        var decision = DayDecision.Of(Customer, Day, new CustomerDecision(Stay(), plan))!;

        var fired = Assert.Single(decision.Fired);
        Assert.Equal(new FiredStep(new InvoiceId("I1"), "d5-email", ActionKind.Email, "20260113-C1-email", "ap-clerk", "overdue"), fired);
        Assert.Equal(
            [
                (NotFiredReason.Superseded, "I1", "d3-call"),
                (NotFiredReason.ConditionNotMet, "I2", "pre-due-paper"),
                (NotFiredReason.NoContact, "I3", "d1-call"),
                (NotFiredReason.PausedByDispute, "I4", null),
                (NotFiredReason.PausedByPromise, "I5", null),
                (NotFiredReason.ContactCap, "I6", "d3-call"),
            ],
            decision.NotFired.Select(n => (n.Reason, n.InvoiceId?.Value, n.StepId)));
        Assert.Equal(("standard", "default", (string?)null), (decision.SegmentId, decision.MatchedRule, decision.MovedFrom));
    }

    [Fact]
    public void KeepsTheMoveAndItsTriggersGivenASegmentMoveOnAQuietDay()
    {
        var moved = new SegmentAssignment("high-risk", "high-risk", "avgDaysLate > 15", true, "standard", ["avgDaysLate 18.2 > 15"], null, State);

        var decision = DayDecision.Of(Customer, Day, new CustomerDecision(moved, CustomerPlan.Nothing))!;

        Assert.Equal(("high-risk", "standard"), (decision.SegmentId, decision.MovedFrom));
        Assert.Equal(["avgDaysLate 18.2 > 15"], decision.Triggers);
        Assert.Empty(decision.Fired);
        Assert.Empty(decision.NotFired);
    }

    [Fact]
    public void SaysOptedOutAndBelowMinimumForTheWholeCustomer()
    {
        var excluded = new CustomerPlan([], [], [new PlanNote(PlanNoteKind.Excluded)]);
        var small = new CustomerPlan([], [], [new PlanNote(PlanNoteKind.BelowMinimumBalance)]);

        Assert.Equal(NotFiredReason.OptedOut, Assert.Single(DayDecision.Of(Customer, Day, new CustomerDecision(Stay(), excluded))!.NotFired).Reason);
        Assert.Equal(NotFiredReason.BelowMinimumBalance, Assert.Single(DayDecision.Of(Customer, Day, new CustomerDecision(Stay(), small))!.NotFired).Reason);
    }

    [Fact]
    public void RecordsEachDataProblemGivenACustomerLeftOut()
    {
        var decision = DayDecision.LeftOut(Customer, Day, [new DataProblem(Customer, new InvoiceId("I9"), "amount", "is past the largest amount accepted")]);

        var problem = Assert.Single(decision.NotFired);
        Assert.Equal((NotFiredReason.DataProblem, "I9", "amount: is past the largest amount accepted"), (problem.Reason, problem.InvoiceId?.Value, problem.Detail));
        Assert.Null(decision.SegmentId);
    }

    private static SegmentAssignment Stay() => new("standard", "standard", "default", false, "standard", [], null, State);
}
