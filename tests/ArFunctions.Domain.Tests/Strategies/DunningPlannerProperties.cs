using ArFunctions.Domain.Common;
using ArFunctions.Domain.Conditions;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Features;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Policies;
using ArFunctions.Domain.Strategies;
using ArFunctions.Domain.Tests.Builders;

namespace ArFunctions.Domain.Tests.Strategies;

/// <summary>
/// Replays 120 days of a random customer, feeding each day's ledger writes into the next day, and checks the
/// invariants the ledger and the customer rely on. Deterministic: every seed is its own reproducible case.
/// </summary>
public class DunningPlannerProperties
{
    private const int Seeds = 400;
    private const int Days = 120;
    private static readonly DateOnly Start = new(2026, 1, 5);

    [Fact]
    public void HoldsLedgerAndContactInvariantsGivenRandomHistories()
    {
        for (var seed = 0; seed < Seeds; seed++)
        {
            Replay(seed);
        }
    }

    private static void Replay(int seed)
    {
        var rng = new Random(seed);
        var first = RandomStrategy(rng, "v1");
        var second = rng.NextDouble() < 0.3 ? RandomStrategy(rng, "v2") : first;
        var switchDay = rng.Next(Days);
        var policy = PlannerPolicyBuilder.Policy(first, contactCap: rng.Next(1, 5), graceDays: rng.Next(4), minimumBalance: rng.NextDouble() < 0.2 ? 1500m : 0m);
        var customer = A.Customer() with { Contacts = RandomContacts(rng), AssignedCollector = rng.NextDouble() < 0.5 ? "alice" : null };
        var invoices = Enumerable.Range(0, rng.Next(1, 13)).Select(i => RandomInvoice(rng, i)).ToArray();
        var history = new History(seed, policy.Contact.PerCustomerPerWeek);

        for (var day = 0; day < Days; day++)
        {
            var asOf = Start.AddDays(day);
            var known = invoices.Select(i => i.AsKnownOn(asOf)).ToArray();
            var input = new PlanningInput
            {
                Customer = customer,
                Features = A.Features() with { AsOf = asOf, RiskScore = rng.Next(101) },
                Strategy = day < switchDay ? first : second,
                OpenInvoices = known,
                Ledger = [.. history.Ledger],
                ContactsInLast6Days = history.ContactsBefore(day),
                AsOf = asOf,
                Policy = policy,
            };

            var plan = DunningPlanner.Plan(input);
            Assert.Equal(Fingerprint(plan), Fingerprint(DunningPlanner.Plan(input)));
            history.Check(day, plan, known, policy.Promises.GraceDays);
        }
    }

    private static Strategy RandomStrategy(Random rng, string version)
    {
        var steps = new StrategyStep[rng.Next(1, 8)];
        for (var i = 0; i < steps.Length; i++)
        {
            var action = (StepAction)rng.Next(5);
            var when = rng.NextDouble() < 0.25
                ? Comparison.OfNumber(FeatureCatalog.Get(FeatureId.RiskScore), ComparisonOperator.GreaterThanOrEqual, 50)
                : null;
            steps[i] = new StrategyStep(
                "s" + i,
                rng.Next(-10, 61),
                action,
                "t" + i,
                rng.NextDouble() < 0.5 ? (ContactRole)rng.Next(5) : null,
                action is StepAction.Escalate or StepAction.Agency ? (rng.NextDouble() < 0.5 ? "team-a" : "team-b") : null,
                when);
        }

        return new Strategy("random", version, rng.NextDouble() < 0.5 ? DayCounting.Calendar : DayCounting.Business, steps);
    }

    private static List<Contact> RandomContacts(Random rng)
    {
        var contacts = new List<Contact>();
        for (var i = rng.Next(4); i > 0; i--)
        {
            var kind = rng.Next(3);
            contacts.Add(new Contact("c" + i, (ContactRole)rng.Next(5), kind != 1 ? $"c{i}@example.com" : null, kind != 0 ? "+1 555 0100" : null));
        }

        return contacts;
    }

    private static Timeline RandomInvoice(Random rng, int index)
    {
        var invoice = A.Invoice($"I{index:00}", Start.AddDays(rng.Next(-30, 91)), rng.Next(1, 40) * 100m);
        Dispute? dispute = null;
        if (rng.NextDouble() < 0.25)
        {
            var opened = Start.AddDays(rng.Next(Days));
            dispute = new Dispute("pricing", opened, rng.NextDouble() < 0.7 ? opened.AddDays(rng.Next(1, 30)) : null);
        }

        PaymentPromise? promise = null;
        if (rng.NextDouble() < 0.3)
        {
            var made = Start.AddDays(rng.Next(Days));
            promise = new PaymentPromise(made.AddDays(rng.Next(0, 15)), invoice.Amount, made);
        }

        DateOnly? paidOn = rng.NextDouble() < 0.4 ? Start.AddDays(rng.Next(Days)) : null;
        return new Timeline(invoice, dispute, promise, paidOn);
    }

    private static string Fingerprint(CustomerPlan plan) =>
        string.Join('|', plan.LedgerWrites.Select(w => w.RowKey + w.Outcome + w.Reason))
        + "#" + string.Join('|', plan.Actions.Select(a => a.ActionId + a.Template + a.Contact?.Name + string.Join(',', a.Steps)));

    /// <summary>An invoice and what happens to it; <see cref="AsKnownOn"/> is the invoice as the system sees it that day.</summary>
    private sealed record Timeline(Invoice Invoice, Dispute? Dispute, PaymentPromise? Promise, DateOnly? PaidOn)
    {
        public Invoice AsKnownOn(DateOnly asOf)
        {
            var known = Invoice with
            {
                Dispute = Dispute is { } d && d.Opened <= asOf ? d : null,
                Promise = Promise is { } p && p.MadeOn <= asOf ? p : null,
            };
            return PaidOn is { } paid && paid <= asOf ? known.Paid(paid) : known;
        }
    }

    /// <summary>Everything written and contacted so far, and the invariant checks over it.</summary>
    private sealed class History(int seed, int cap)
    {
        private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
        private readonly HashSet<string> _skipped = new(StringComparer.Ordinal);
        private readonly List<int> _contactsPerDay = [];

        public List<LedgerEntry> Ledger { get; } = [];

        public int ContactsBefore(int day)
        {
            var count = 0;
            for (var d = Math.Max(0, day - 6); d < day; d++)
            {
                count += _contactsPerDay[d];
            }

            return count;
        }

        public void Check(int day, CustomerPlan plan, Invoice[] known, int graceDays)
        {
            var asOf = Start.AddDays(day);
            foreach (var write in plan.LedgerWrites)
            {
                var invoice = known.Single(i => i.Id == write.InvoiceId);
                Assert.True(_keys.Add(write.RowKey), $"seed {seed} day {day}: {write.RowKey} written twice");
                if (write.Outcome == LedgerOutcome.Fired)
                {
                    Assert.False(_skipped.Contains(write.RowKey), $"seed {seed} day {day}: skipped {write.RowKey} fired");
                    Assert.True(invoice.IsCollectible, $"seed {seed} day {day}: {write.RowKey} fired for a paid invoice");
                    Assert.False(IsPaused(invoice, asOf, graceDays), $"seed {seed} day {day}: {write.RowKey} fired while paused");
                }
                else
                {
                    _skipped.Add(write.RowKey);
                }
            }

            var contacts = plan.Actions.Count(a => a.ReachesCustomer);
            Assert.True(plan.Actions.Where(a => a.ReachesCustomer).GroupBy(a => a.Kind).All(g => g.Count() == 1), $"seed {seed} day {day}: two actions of one kind");
            _contactsPerDay.Add(contacts);
            Assert.True(ContactsBefore(day) + contacts <= cap, $"seed {seed} day {day}: more than {cap} contacts in 7 days");
            Ledger.AddRange(plan.LedgerWrites);
        }

        private static bool IsPaused(Invoice invoice, DateOnly asOf, int graceDays) =>
            (invoice.Dispute?.IsOpenOn(asOf) ?? false)
            || (invoice.Promise is { } p && p.MadeOn <= asOf && asOf <= p.Date.AddDays(graceDays));
    }
}
