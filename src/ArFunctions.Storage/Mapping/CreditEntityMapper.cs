using Azure.Data.Tables;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;

namespace ArFunctions.Storage.Mapping;

/// <summary>
/// Credit rows (table <c>Credits</c>): PartitionKey = the customer's shard, RowKey = "customerId|creditId", so the daily
/// run reads a shard's credits with its other records and a customer's credits are one range.
/// </summary>
public static class CreditEntityMapper
{
    public static TableEntity ToEntity(Credit credit, string partitionKey) => new(partitionKey, CompositeKey.Join(credit.CustomerId.Value, credit.Id))
    {
        ["creditId"] = credit.Id,
        ["customerId"] = credit.CustomerId.Value,
        ["kind"] = KebabName<CreditKind>.Format(credit.Kind),
        ["amount"] = EntityValues.FromDecimal(credit.Amount),
        ["currency"] = credit.Currency.Value,
        ["on"] = EntityValues.FromDate(credit.On),
        ["appliesTo"] = credit.AppliesTo?.Value,
    };

    public static Credit FromEntity(TableEntity entity) => new(
        EntityValues.RequiredString(entity, "creditId"),
        EntityValues.RequiredCustomerId(entity, "customerId"),
        EntityValues.RequiredEnum<CreditKind>(entity, "kind"),
        EntityValues.RequiredDecimal(entity, "amount"),
        EntityValues.RequiredCurrency(entity, "currency"),
        EntityValues.RequiredDate(entity, "on"),
        entity.GetString("appliesTo") is { Length: > 0 } appliesTo ? new InvoiceId(appliesTo) : null);
}
