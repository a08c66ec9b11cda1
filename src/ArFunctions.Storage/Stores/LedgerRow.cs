using Azure.Data.Tables;
using ArFunctions.Domain.Common;
using ArFunctions.Storage.Mapping;

namespace ArFunctions.Storage.Stores;

/// <summary>
/// One strategy step of one invoice, recorded once: RowKey = "invoiceId|strategyVersion|stepId" in the shard of the
/// invoice's customer. <see cref="StrategyVersion"/> and <see cref="StepId"/> follow the identifier key rules.
/// </summary>
public sealed record LedgerRow
{
    public required CustomerId CustomerId { get; init; }

    public required InvoiceId InvoiceId { get; init; }

    public required string StrategyVersion { get; init; }

    public required string StepId { get; init; }

    public required string StrategyId { get; init; }

    /// <summary>What happened to the step, as a kebab-case word ("planned", "sent", "skipped", ...).</summary>
    public required string Outcome { get; init; }

    public string? Reason { get; init; }

    /// <summary>The as-of date of the run that recorded or last changed the step.</summary>
    public required DateOnly On { get; init; }

    public string? ActionId { get; init; }

    public string RowKey => CompositeKey.Join(InvoiceId.Value, StrategyVersion, StepId);

    internal TableEntity ToEntity(string partitionKey) => new(partitionKey, RowKey)
    {
        ["customerId"] = CustomerId.Value,
        ["invoiceId"] = InvoiceId.Value,
        ["strategyVersion"] = StrategyVersion,
        ["stepId"] = StepId,
        ["strategyId"] = StrategyId,
        ["outcome"] = Outcome,
        ["reason"] = Reason,
        ["on"] = EntityValues.FromDate(On),
        ["actionId"] = ActionId,
    };

    internal static LedgerRow FromEntity(TableEntity entity) => new()
    {
        CustomerId = EntityValues.RequiredCustomerId(entity, "customerId"),
        InvoiceId = EntityValues.RequiredInvoiceId(entity, "invoiceId"),
        StrategyVersion = EntityValues.RequiredString(entity, "strategyVersion"),
        StepId = EntityValues.RequiredString(entity, "stepId"),
        StrategyId = EntityValues.RequiredString(entity, "strategyId"),
        Outcome = EntityValues.RequiredString(entity, "outcome"),
        Reason = entity.GetString("reason"),
        On = EntityValues.RequiredDate(entity, "on"),
        ActionId = entity.GetString("actionId"),
    };
}
