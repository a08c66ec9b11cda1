using ArFunctions.Application.Ports;
using ArFunctions.Domain.Engine;
using ArFunctions.Domain.Features;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Application.DailyRuns;

/// <summary>One customer of a shard after the engine ran: its records, features and decisions.</summary>
internal sealed record EvaluatedCustomer(ShardCustomer Source, CustomerFeatures Features, CustomerDecision Decision)
{
    public string Id => Source.Customer.Id.Value;
}

/// <summary>The pure part of processing a shard: the engine over every customer of the snapshot.</summary>
internal static class ShardEvaluation
{
    public static EvaluatedCustomer[] Evaluate(ShardSnapshot snapshot, CollectionPolicy policy, DateOnly asOf)
    {
        var result = new EvaluatedCustomer[snapshot.Customers.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var source = snapshot.Customers[i];
            var records = new CustomerRecords
            {
                Customer = source.Customer,
                Invoices = source.Invoices,
                Payments = source.Payments,
                Interactions = source.Interactions,
                PreviousSegment = source.State?.Segment,
                Ledger = source.Ledger,
                ContactsInLast6Days = source.State?.ContactsInLast6Days(asOf) ?? 0,
            };
            var features = CollectionsEngine.Features(records, policy, asOf) with
            {
                BalanceRank = snapshot.BalanceRanks.GetValueOrDefault(source.Customer.Id.Value),
            };
            result[i] = new EvaluatedCustomer(source, features, CollectionsEngine.Decide(records, features, policy, asOf));
        }

        return result;
    }

    public static RunCounts Count(IReadOnlyList<EvaluatedCustomer> customers)
    {
        int openInvoices = 0, fired = 0, skipped = 0, emails = 0, calls = 0, letters = 0, internalTasks = 0, moves = 0;
        foreach (var customer in customers)
        {
            openInvoices += customer.Features.OpenInvoiceCount;
            moves += customer.Decision.Segment.Moved ? 1 : 0;
            foreach (var write in customer.Decision.Plan.LedgerWrites)
            {
                fired += write.Outcome == Domain.Strategies.LedgerOutcome.Fired ? 1 : 0;
                skipped += write.Outcome == Domain.Strategies.LedgerOutcome.Skipped ? 1 : 0;
            }

            foreach (var action in customer.Decision.Plan.Actions)
            {
                switch (action.Kind)
                {
                    case Domain.Strategies.ActionKind.Email: emails++; break;
                    case Domain.Strategies.ActionKind.Call: calls++; break;
                    case Domain.Strategies.ActionKind.Letter: letters++; break;
                    default: internalTasks++; break;
                }
            }
        }

        return new RunCounts(customers.Count, openInvoices, fired, skipped, emails, calls, letters, internalTasks, moves);
    }
}
