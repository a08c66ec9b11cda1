using System.Collections.ObjectModel;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Policies;
using ArFunctions.Domain.Strategies;
using ArFunctions.Domain.Tests.Builders;
using static ArFunctions.Domain.Tests.Builders.PlannerPolicyBuilder;

namespace ArFunctions.Domain.Tests.Strategies;

/// <summary>Inputs held in lists other than arrays and List&lt;T&gt;: the planner copies them, with the same result.</summary>
public partial class DunningPlannerPlan
{
    [Fact]
    public void PlansTheSameGivenReadOnlyCollections()
    {
        var policy = Policy(Ladder(Email("e1", 1), Call("c3", 3), Escalate("x10", 10), Email("e20", 20), Agency("a30", 30)), contactCap: 99);
        var invoices = Enumerable.Range(0, 12).Select(i => A.Invoice($"I{i:00}", Today.AddDays(-3 * i))).ToArray();
        var ledger = new List<LedgerEntry>();
        var input = Input(policy, invoices) with { Ledger = ledger };
        var recorded = 0;
        for (var day = 0; day < 5; day++)
        {
            var plan = DunningPlanner.Plan(input);
            var wrapped = DunningPlanner.Plan(input with
            {
                OpenInvoices = new ReadOnlyCollection<Invoice>(invoices),
                Strategy = input.Strategy with { Steps = new ReadOnlyCollection<StrategyStep>([.. input.Strategy.Steps]) },
                Ledger = new ReadOnlyCollection<LedgerEntry>(ledger),
            });

            Assert.Equal(Describe(plan), Describe(wrapped));
            Assert.Equal(Summary(plan), Summary(wrapped));
            recorded += plan.LedgerWrites.Count;
            ledger.AddRange(plan.LedgerWrites);
            input = input with { AsOf = input.AsOf.AddDays(1) };
        }

        Assert.True(recorded > 12, $"only {recorded} ledger writes: the scenario exercises too little");
    }
}
