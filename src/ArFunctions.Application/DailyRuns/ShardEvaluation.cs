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

/// <summary>A shard after the engine ran: the customers it decided for, and those it left out with their data problems.</summary>
internal sealed record EvaluatedShard(EvaluatedCustomer[] Customers, DataProblem[] Problems);

/// <summary>
/// The pure part of processing a shard: the engine over every customer of the snapshot. One customer's bad data never
/// stops the others: a customer whose records fail <see cref="DataProblem.Screen"/>, or make the engine throw, is left
/// out of the day with its problems, and every other customer is decided as usual.
/// </summary>
internal static class ShardEvaluation
{
    public static EvaluatedShard Evaluate(ShardSnapshot snapshot, CollectionPolicy policy, DateOnly asOf)
    {
        var customers = new List<EvaluatedCustomer>(snapshot.Customers.Count);
        var problems = new List<DataProblem>();
        foreach (var source in snapshot.Customers)
        {
            if (TryEvaluate(source, snapshot, policy, asOf, problems) is { } evaluated)
            {
                customers.Add(evaluated);
            }
        }

        return new EvaluatedShard([.. customers], [.. problems]);
    }

    /// <summary>What the engine reads about one customer of a snapshot on <paramref name="asOf"/>.</summary>
    public static CustomerRecords Records(ShardCustomer source, DateOnly asOf) => new()
    {
            Customer = source.Customer,
            Invoices = source.Invoices,
            Payments = source.Payments,
            Credits = source.Credits,
            Interactions = source.Interactions,
            PreviousSegment = source.State?.Segment,
            Ledger = source.Ledger,
            ContactsInLast6Days = source.State?.ContactsInLast6Days(asOf) ?? 0,
            ContactStates = source.ContactStates,
        };

    private static EvaluatedCustomer? TryEvaluate(ShardCustomer source, ShardSnapshot snapshot, CollectionPolicy policy, DateOnly asOf, List<DataProblem> problems)
    {
        var records = Records(source, asOf);
        if (TryFeatures(records, policy, asOf, problems) is not { } features)
        {
            return null;
        }

        features = features with { BalanceRank = snapshot.BalanceRanks.GetValueOrDefault(source.Customer.Id.Value) };
        try
        {
            return new EvaluatedCustomer(source, features, CollectionsEngine.Decide(records, features, policy, asOf));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            problems.Add(DataProblem.FromException(source.Customer.Id, e));
            return null;
        }
    }

    /// <summary>
    /// The customer's features, or null when the shard leaves the customer out of the day: records that fail
    /// <see cref="DataProblem.Screen"/> or make the engine throw, with the problems added to <paramref name="problems"/>
    /// when given. The one screen the shard and the first run's balance ranks both go through.
    /// </summary>
    public static CustomerFeatures? TryFeatures(CustomerRecords records, CollectionPolicy policy, DateOnly asOf, List<DataProblem>? problems)
    {
        var screened = DataProblem.Screen(records);
        if (screened.Count > 0)
        {
            problems?.AddRange(screened);
            return null;
        }

        try
        {
            return CollectionsEngine.Features(records, policy, asOf);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The engine is pure: what it throws comes from this customer's records (or a rule they reach), not from I/O.
            problems?.Add(DataProblem.FromException(records.Customer.Id, e));
            return null;
        }
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
