using ArFunctions.Domain.Engine;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Policies;
using ArFunctions.Domain.Segmentation;
using ArFunctions.Domain.Strategies;
using ArFunctions.Domain.Tests.Builders;

namespace ArFunctions.Domain.Tests.Engine;

public sealed class CollectionsEngineIsBaseline
{
    private static readonly CollectionPolicy Policy = PlannerPolicyBuilder.Policy(PlannerPolicyBuilder.Ladder(PlannerPolicyBuilder.Email("e1", 1)));

    [Fact]
    public void IsTrueGivenACustomerNeverEvaluatedWithAnEmptyLedger() =>
        Assert.True(CollectionsEngine.IsBaseline(Records(null, []), Policy, A.Today));

    [Fact]
    public void IsTrueGivenTheStateWrittenByAnEarlierAttemptOfTheSameFirstDay() =>
        Assert.True(CollectionsEngine.IsBaseline(Records(new SegmentState("standard", A.Today, null, 0, A.Today), []), Policy, A.Today));

    [Fact]
    public void IsFalseGivenACustomerEvaluatedOnAnEarlierDay() =>
        Assert.False(CollectionsEngine.IsBaseline(Records(new SegmentState("standard", A.Today.AddDays(-1), null, 0, A.Today.AddDays(-1)), []), Policy, A.Today));

    [Fact]
    public void IsFalseGivenAnImportedContactHistory() =>
        Assert.False(CollectionsEngine.IsBaseline(Records(null, [PlannerPolicyBuilder.Fired("I1", "e1")]), Policy, A.Today));

    [Fact]
    public void IsTrueForEveryCustomerGivenADateThePolicyMarks()
    {
        var marked = new CollectionPolicy(
            Policy.Version, Policy.Currency, Policy.Calendar, Policy.Segments, Policy.Strategies, Policy.DisputeCategories, Policy.Hysteresis,
            Policy.Contact, Policy.Promises, Policy.Worklist, Policy.Ranking, Policy.MinimumBalance)
        {
            Baseline = BaselineSettings.Default with { Dates = new HashSet<DateOnly> { A.Today } },
        };
        var evaluated = Records(new SegmentState("standard", A.Today.AddDays(-30), null, 0, A.Today.AddDays(-1)), [PlannerPolicyBuilder.Fired("I1", "e1")]);

        Assert.True(CollectionsEngine.IsBaseline(evaluated, marked, A.Today));
        Assert.False(CollectionsEngine.IsBaseline(evaluated, marked, A.Today.AddDays(1)));
    }

    private static CustomerRecords Records(SegmentState? previous, IReadOnlyList<LedgerEntry> ledger) => new()
    {
        Customer = A.Customer(),
        Invoices = new ArraySegment<Invoice>([A.Invoice("I1", A.Today.AddDays(-10))]),
        PreviousSegment = previous,
        Ledger = ledger,
    };
}
