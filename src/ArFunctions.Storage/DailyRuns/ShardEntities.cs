using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Ports;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Segmentation;
using ArFunctions.Domain.Strategies;
using ArFunctions.Storage.Mapping;
using ArFunctions.Storage.Stores;
using Azure.Data.Tables;

namespace ArFunctions.Storage.DailyRuns;

/// <summary>Ledger rows (storage) to and from ledger entries (domain).</summary>
internal static class LedgerEntries
{
    public static LedgerRow ToRow(LedgerWrite write) => new()
    {
        CustomerId = write.CustomerId,
        InvoiceId = write.Entry.InvoiceId,
        StrategyVersion = write.Entry.StrategyVersion,
        StepId = write.Entry.StepId,
        StrategyId = write.Entry.StrategyId,
        Outcome = KebabName<LedgerOutcome>.Format(write.Entry.Outcome),
        Reason = write.Entry.Reason,
        On = write.Entry.On,
        ActionId = write.ActionId,
    };

    public static (CustomerId CustomerId, LedgerEntry Entry) FromEntity(TableEntity entity)
    {
        var row = LedgerRow.FromEntity(entity);
        var outcome = KebabName<LedgerOutcome>.TryParse(row.Outcome, out var parsed)
            ? parsed
            : throw EntityValues.Broken(entity, "outcome", $"'{row.Outcome}' is not one of {string.Join(", ", KebabName<LedgerOutcome>.Names)}");
        return (row.CustomerId, new LedgerEntry(row.InvoiceId, row.StrategyId, row.StrategyVersion, row.StepId, outcome, row.Reason, row.On));
    }
}

/// <summary>Customer states (PK shard, RK customer id): the segment state and the recent contact days.</summary>
internal static class CustomerStateEntities
{
    public static TableEntity ToEntity(string partitionKey, CustomerState state)
    {
        var entity = new TableEntity(partitionKey, state.CustomerId.Value)
        {
            ["recentContacts"] = string.Join(',', state.RecentContacts.Select(EntityValues.FromDate)),
        };
        if (state.Segment is { } segment)
        {
            entity["segmentId"] = segment.SegmentId;
            entity["since"] = EntityValues.FromDate(segment.Since);
            entity["pendingSegmentId"] = segment.PendingSegmentId;
            entity["pendingDays"] = segment.PendingDays;
            entity["evaluatedOn"] = EntityValues.FromDate(segment.EvaluatedOn);
            entity["previousSegmentId"] = segment.PreviousSegmentId;
        }

        return entity;
    }

    public static CustomerState FromEntity(TableEntity entity)
    {
        SegmentState? segment = entity.GetString("segmentId") is { } segmentId
            ? new SegmentState(
                segmentId,
                EntityValues.RequiredDate(entity, "since"),
                entity.GetString("pendingSegmentId"),
                EntityValues.RequiredInt(entity, "pendingDays"),
                EntityValues.RequiredDate(entity, "evaluatedOn"),
                entity.GetString("previousSegmentId"))
            : null;
        var contacts = entity.GetString("recentContacts") is { Length: > 0 } text
            ? text.Split(',').Select(d => DateOnly.ParseExact(d, EntityValues.DateFormat, System.Globalization.CultureInfo.InvariantCulture)).ToArray()
            : [];
        return new CustomerState(new CustomerId(entity.RowKey), segment, contacts);
    }
}

/// <summary>Puts a shard's scans together per customer, in ordinal id order (the ledger given is that of collectible invoices only, <see cref="ShardHistory"/>).</summary>
internal static class ShardGrouping
{
    public static IReadOnlyList<ShardCustomer> Group(
        List<Customer> customers,
        List<Invoice> invoices,
        List<Payment> payments,
        List<Credit> credits,
        List<Interaction> interactions,
        List<CustomerState> states,
        List<(CustomerId CustomerId, LedgerEntry Entry)> ledger)
    {
        var invoicesOf = invoices.ToLookup(i => i.CustomerId);
        var paymentsOf = payments.ToLookup(p => p.CustomerId);
        var creditsOf = credits.ToLookup(c => c.CustomerId);
        var interactionsOf = interactions.ToLookup(i => i.CustomerId);
        var stateOf = states.ToDictionary(s => s.CustomerId);
        var ledgerOf = ledger.ToLookup(l => l.CustomerId, l => l.Entry);
        return customers
            .OrderBy(c => c.Id.Value, StringComparer.Ordinal)
            .Select(c => new ShardCustomer(
                c,
                [.. invoicesOf[c.Id]],
                [.. paymentsOf[c.Id]],
                [.. interactionsOf[c.Id]],
                stateOf.GetValueOrDefault(c.Id),
                [.. ledgerOf[c.Id]])
            {
                Credits = [.. creditsOf[c.Id]],
            })
            .ToArray();
    }
}
