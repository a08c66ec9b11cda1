using ArFunctions.Domain.Common;
using ArFunctions.Domain.Conditions;
using ArFunctions.Domain.Features;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Policies;
using ArFunctions.Domain.Strategies;
using ArFunctions.Domain.Tests.Builders;
using static ArFunctions.Domain.Tests.Builders.PlannerPolicyBuilder;

namespace ArFunctions.Domain.Tests.Strategies;

/// <summary>Eligibility, pauses, offsets, conditions and catch-up. Consolidation, contacts and the cap are in the other part.</summary>
public partial class DunningPlannerPlan
{
    private static readonly DateOnly Today = A.Today; // a Monday

    private static readonly Invoice Overdue10 = A.Invoice("I1", Today.AddDays(-10));

    [Fact]
    public void ReturnsNothingGivenExcludedCustomer()
    {
        var input = Input(Policy(Ladder(Email("e1", 1))), Overdue10) with { Customer = A.Customer() with { Excluded = true } };

        var plan = DunningPlanner.Plan(input);

        Assert.True(plan.IsEmpty);
        Assert.Equal([new PlanNote(PlanNoteKind.Excluded)], plan.Notes);
    }

    [Fact]
    public void ReturnsNothingGivenBalanceBelowMinimum()
    {
        var plan = DunningPlanner.Plan(Input(Policy(Ladder(Email("e1", 1)), minimumBalance: 1000.01m), Overdue10));

        Assert.True(plan.IsEmpty);
        Assert.Equal([new PlanNote(PlanNoteKind.BelowMinimumBalance)], plan.Notes);
    }

    [Fact]
    public void ChasesGivenBalanceEqualToMinimum() =>
        Assert.Single(DunningPlanner.Plan(Input(Policy(Ladder(Email("e1", 1)), minimumBalance: 1000m), Overdue10)).Actions);

    [Theory]
    [InlineData("1.2", true)]
    [InlineData("1.0", false)]
    public void ConvertsToBaseCurrencyGivenForeignInvoice(string rate, bool chased)
    {
        var policy = Policy(Ladder(Email("e1", 1)), minimumBalance: 1000m, rates: new Dictionary<CurrencyCode, decimal> { [A.Eur] = decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture) });
        var euros = A.Invoice("I1", Today.AddDays(-10), 900m) with { Currency = A.Eur };

        Assert.Equal(chased, DunningPlanner.Plan(Input(policy, euros)).Actions.Count == 1);
    }

    [Fact]
    public void ReturnsNothingGivenDisputedAmountsMakeUpTheMinimum()
    {
        var disputed = A.Invoice("I2", Today.AddDays(-10)) with { Dispute = new Dispute("pricing", Today.AddDays(-3)) };

        var plan = DunningPlanner.Plan(Input(Policy(Ladder(Email("e1", 1)), minimumBalance: 1500m), Overdue10, disputed));

        Assert.True(plan.IsEmpty);
    }

    [Theory]
    [InlineData(InvoiceStatus.Paid)]
    [InlineData(InvoiceStatus.Cancelled)]
    [InlineData(InvoiceStatus.WrittenOff)]
    public void ReturnsNothingGivenInvoiceNotOpen(InvoiceStatus status) =>
        Assert.Same(CustomerPlan.Nothing, DunningPlanner.Plan(Input(Policy(Ladder(Email("e1", 1))), Overdue10 with { Status = status })));

    [Fact]
    public void ReturnsNothingGivenPaidInvoice() =>
        Assert.Same(CustomerPlan.Nothing, DunningPlanner.Plan(Input(Policy(Ladder(Email("e1", 1))), Overdue10.Paid(Today.AddDays(-1)))));

    [Fact]
    public void RecordsNothingGivenOpenDispute()
    {
        var disputed = Overdue10 with { Dispute = new Dispute("pricing", Today.AddDays(-5)) };

        var plan = DunningPlanner.Plan(Input(Policy(Ladder(Email("e1", 1), Call("c5", 5))), disputed));

        Assert.True(plan.IsEmpty);
        Assert.Equal([new PlanNote(PlanNoteKind.PausedByDispute, disputed.Id)], plan.Notes);
    }

    [Fact]
    public void CatchesUpGivenDisputeResolvedYesterday()
    {
        var resolved = Overdue10 with { Dispute = new Dispute("pricing", Today.AddDays(-5), Today.AddDays(-1)) };

        var plan = DunningPlanner.Plan(Input(Policy(Ladder(Email("e1", 1), Call("c5", 5))), resolved));

        Assert.Equal(ActionKind.Call, Assert.Single(plan.Actions).Kind);
        Assert.Equal(["I1|v1|c5 Fired", "I1|v1|e1 Skipped superseded"], Describe(plan));
    }

    [Theory]
    [InlineData(-2)] // promised two days ago, grace 2: today is the last day of grace
    [InlineData(0)]
    [InlineData(7)]
    public void RecordsNothingGivenUnexpiredPromise(int promisedInDays)
    {
        var promised = Overdue10 with { Promise = new PaymentPromise(Today.AddDays(promisedInDays), 1000m, Today.AddDays(-4)) };

        var plan = DunningPlanner.Plan(Input(Policy(Ladder(Email("e1", 1)), graceDays: 2), promised));

        Assert.True(plan.IsEmpty);
        Assert.Equal([new PlanNote(PlanNoteKind.PausedByPromise, promised.Id)], plan.Notes);
    }

    [Fact]
    public void IgnoresPromiseGivenItIsMadeAfterAsOf()
    {
        var later = Overdue10 with { Promise = new PaymentPromise(Today.AddDays(5), 1000m, Today.AddDays(1)) };

        var plan = DunningPlanner.Plan(Input(Policy(Ladder(Email("e1", 1))), later));

        Assert.Equal(ActionKind.Email, Assert.Single(plan.Actions).Kind);
    }

    [Fact]
    public void EscalatesOnceGivenBrokenPromise()
    {
        var broken = Overdue10 with { Promise = new PaymentPromise(Today.AddDays(-3), 1000m, Today.AddDays(-8)) };
        var input = Input(Policy(Ladder(Email("e1", 1)), graceDays: 2, escalateTo: "promise-desk"), broken) with { Ledger = [Fired("I1", "e1")] };

        var plan = DunningPlanner.Plan(input);
        var tomorrow = DunningPlanner.Plan(input.NextDay(plan));

        var escalation = Assert.Single(plan.Actions);
        Assert.Equal((ActionKind.Escalation, "promise-desk", DunningPlanner.BrokenPromiseTemplate), (escalation.Kind, escalation.AssignTo, escalation.Template));
        Assert.Equal(["I1|promise|broken-promise-20261120 Fired"], Describe(plan));
        Assert.Same(CustomerPlan.Nothing, tomorrow);
    }

    [Fact]
    public void DoesNotEscalateAgainGivenSegmentMovedToNewStrategyVersion()
    {
        var broken = Overdue10 with { Promise = new PaymentPromise(Today.AddDays(-3), 1000m, Today.AddDays(-8)) };
        var recorded = new LedgerEntry(broken.Id, "standard", LedgerEntry.PromiseVersion, LedgerEntry.BrokenPromiseStepId(Today.AddDays(-3)), LedgerOutcome.Fired, null, Today.AddDays(-1));
        var policy = Policy(Ladder(Email("e1", 1)) with { Version = "v2" });

        var plan = DunningPlanner.Plan(Input(policy, broken) with { Ledger = [Fired("I1", "e1", "v2"), recorded] });

        Assert.Same(CustomerPlan.Nothing, plan);
    }

    [Fact]
    public void ResumesLadderGivenBrokenPromise()
    {
        var broken = Overdue10 with { Promise = new PaymentPromise(Today.AddDays(-3), 1000m, Today.AddDays(-8)) };

        var plan = DunningPlanner.Plan(Input(Policy(Ladder(Email("e1", 1), Call("c7", 7))), broken));

        Assert.Equal([ActionKind.Call, ActionKind.Escalation], plan.Actions.Select(a => a.Kind));
        Assert.Equal(["I1|promise|broken-promise-20261120 Fired", "I1|v1|c7 Fired", "I1|v1|e1 Skipped superseded"], Describe(plan));
    }

    [Theory]
    [InlineData(-3, true)]
    [InlineData(-2, false)]
    public void FiresStepOnItsDayGivenCalendarCounting(int dueInDays, bool fires) =>
        Assert.Equal(fires, !DunningPlanner.Plan(Input(Policy(Ladder(Call("c3", 3))), A.Invoice("I1", Today.AddDays(dueInDays)))).IsEmpty);

    [Theory]
    [InlineData(DayCounting.Calendar, true)]
    [InlineData(DayCounting.Business, false)]
    public void CountsOnlyBusinessDaysGivenBusinessCounting(DayCounting counting, bool fires)
    {
        // Due last Friday: three calendar days, one business day.
        var policy = Policy(Ladder(Call("c2", 2)) with { DayCounting = counting });

        var plan = DunningPlanner.Plan(Input(policy, A.Invoice("I1", Today.AddDays(-3))));

        Assert.Equal(fires, !plan.IsEmpty);
    }

    [Theory]
    [InlineData(5, true)]
    [InlineData(6, false)]
    public void FiresBeforeDueDateGivenNegativeDay(int dueInDays, bool fires) =>
        Assert.Equal(fires, !DunningPlanner.Plan(Input(Policy(Ladder(Email("upcoming", -5))), A.Invoice("I1", Today.AddDays(dueInDays)))).IsEmpty);

    [Fact]
    public void SkipsStepGivenConditionNotMet()
    {
        var policy = Policy(Ladder(new StrategyStep("risky-call", 1, StepAction.Call, When: RiskScoreAtLeast(70))));

        var plan = DunningPlanner.Plan(Input(policy, Overdue10));

        Assert.Empty(plan.Actions);
        Assert.Equal(["I1|v1|risky-call Skipped condition-not-met"], Describe(plan));
    }

    [Fact]
    public void NeverReconsidersGivenConditionSkippedEarlier()
    {
        var input = Input(Policy(Ladder(new StrategyStep("risky-call", 1, StepAction.Call, When: RiskScoreAtLeast(70)))), Overdue10);
        var skipped = DunningPlanner.Plan(input);

        var later = DunningPlanner.Plan(input.NextDay(skipped) with { Features = A.Features() with { RiskScore = 90 } });

        Assert.Same(CustomerPlan.Nothing, later);
    }

    [Fact]
    public void FiresGivenConditionMet()
    {
        var input = Input(Policy(Ladder(new StrategyStep("risky-call", 1, StepAction.Call, When: RiskScoreAtLeast(70)))), Overdue10);

        var plan = DunningPlanner.Plan(input with { Features = A.Features() with { RiskScore = 75 } });

        Assert.Equal(["I1|v1|risky-call Fired"], Describe(plan));
    }

    [Fact]
    public void FiresOnlyLatestStepGivenMissedDays()
    {
        var plan = DunningPlanner.Plan(Input(Policy(Ladder(Email("e1", 1), Call("c3", 3), Email("e5", 5, "firm"), Call("c20", 20))), Overdue10));

        var email = Assert.Single(plan.Actions);
        Assert.Equal(("firm", ActionKind.Email), (email.Template, email.Kind));
        Assert.Equal(["I1|v1|c3 Skipped superseded", "I1|v1|e1 Skipped superseded", "I1|v1|e5 Fired"], Describe(plan));
    }

    [Fact]
    public void RecordsEarlierStepsAsSupersededGivenLatestAlreadyRecorded()
    {
        var input = Input(Policy(Ladder(Email("e1", 1), Email("e5", 5))), Overdue10) with { Ledger = [Fired("I1", "e5")] };

        var plan = DunningPlanner.Plan(input);

        Assert.Empty(plan.Actions);
        Assert.Equal(["I1|v1|e1 Skipped superseded"], Describe(plan));
    }

    [Fact]
    public void ReadsEachInvoicesOwnLedgerGivenIdsThatShareTheirHash()
    {
        // The ledger index buckets by IdHash (length and last eight characters): these ids share a bucket.
        var recorded = A.Invoice("A-INV-00001234", Today.AddDays(-10));
        var unrecorded = A.Invoice("B-INV-00001234", Today.AddDays(-10));
        var input = Input(Policy(Ladder(Email("e5", 5))), recorded, unrecorded) with { Ledger = [Fired("A-INV-00001234", "e5")] };

        var plan = DunningPlanner.Plan(input);

        Assert.Equal(["B-INV-00001234|v1|e5 Fired"], Describe(plan));
    }

    [Fact]
    public void NeverFiresAgainGivenStepInLedger()
    {
        var input = Input(Policy(Ladder(Email("e1", 1), Email("e5", 5))), Overdue10);
        var first = DunningPlanner.Plan(input);

        Assert.Single(first.Actions);
        Assert.Same(CustomerPlan.Nothing, DunningPlanner.Plan(input.NextDay(first)));
        Assert.Same(CustomerPlan.Nothing, DunningPlanner.Plan(input with { Ledger = [.. first.LedgerWrites] }));
    }

    [Fact]
    public void StartsLadderAfreshGivenNewStrategyVersion()
    {
        var input = Input(Policy(Ladder(Email("e1", 1), Email("e5", 5)) with { Version = "v2" }), Overdue10) with { Ledger = [Fired("I1", "e5")] };

        var plan = DunningPlanner.Plan(input);

        Assert.Equal(["I1|v2|e1 Skipped superseded", "I1|v2|e5 Fired"], Describe(plan));
    }

    [Fact]
    public void FiresStepsOfTheSameDayTogether()
    {
        var plan = DunningPlanner.Plan(Input(Policy(Ladder(Email("e1", 1), Email("final", 10), Escalate("x10", 10, "team-a"))), Overdue10));

        Assert.Equal([ActionKind.Email, ActionKind.Escalation], plan.Actions.Select(a => a.Kind));
        Assert.Equal(["I1|v1|e1 Skipped superseded", "I1|v1|final Fired", "I1|v1|x10 Fired"], Describe(plan));
    }

    [Fact]
    public void AllocatesNothingGivenNothingDue()
    {
        var policy = Policy(Ladder(Email("e-5", -5), Email("e1", 1), Call("c5", 5), Escalate("x30", 30)) with { DayCounting = DayCounting.Business }, minimumBalance: 100m);
        var invoices = Enumerable.Range(0, 10).Select(i => A.Invoice($"I{i}", Today.AddDays(-i * 5))).ToArray();
        var input = Input(policy, invoices);
        for (var day = 0; day < 3; day++)
        {
            input = input.NextDay(DunningPlanner.Plan(input), days: 0);
        }

        Assert.Same(CustomerPlan.Nothing, DunningPlanner.Plan(input));
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            DunningPlanner.Plan(input);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void NeverFiresAgainGivenLedgerTooLargeForTheStack()
    {
        // 600 invoices with two entries each: the ledger index lives in pooled memory, not on the stack.
        var policy = Policy(Ladder(Email("e1", 1), Email("e5", 5)), contactCap: 99);
        var input = Input(policy, [.. Enumerable.Range(0, 600).Select(i => A.Invoice($"INV-{i:0000}", Today.AddDays(-6 - (i % 3))))]);
        var first = DunningPlanner.Plan(input);

        var again = DunningPlanner.Plan(input with { Ledger = [.. first.LedgerWrites] });

        Assert.Equal(1200, first.LedgerWrites.Count);
        Assert.Same(CustomerPlan.Nothing, again);
    }

    private static Comparison RiskScoreAtLeast(double value) =>
        Comparison.OfNumber(FeatureCatalog.Get(FeatureId.RiskScore), ComparisonOperator.GreaterThanOrEqual, value);

    private static string[] Describe(CustomerPlan plan) =>
        plan.LedgerWrites.Select(w => $"{w.RowKey} {w.Outcome}{(w.Reason is null ? "" : " " + w.Reason)}").ToArray();
}
