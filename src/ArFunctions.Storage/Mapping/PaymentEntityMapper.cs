using Azure.Data.Tables;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;

namespace ArFunctions.Storage.Mapping;

/// <summary>
/// Payment rows: PartitionKey = the customer's shard, RowKey = "customerId|paymentId". The payment id must follow the
/// same key rules as other identifiers (<see cref="EntityKey"/>).
/// </summary>
public static class PaymentEntityMapper
{
    public static TableEntity ToEntity(Payment payment, string partitionKey) => new(partitionKey, CompositeKey.Join(payment.CustomerId.Value, payment.Id))
    {
        ["paymentId"] = payment.Id,
        ["invoiceId"] = payment.InvoiceId.Value,
        ["customerId"] = payment.CustomerId.Value,
        ["amount"] = EntityValues.FromDecimal(payment.Amount),
        ["currency"] = payment.Currency.Value,
        ["date"] = EntityValues.FromDate(payment.Date),
        ["method"] = KebabName<PaymentMethod>.Format(payment.Method),
    };

    public static Payment FromEntity(TableEntity entity) => new(
        EntityValues.RequiredString(entity, "paymentId"),
        EntityValues.RequiredInvoiceId(entity, "invoiceId"),
        EntityValues.RequiredCustomerId(entity, "customerId"),
        EntityValues.RequiredDecimal(entity, "amount"),
        EntityValues.RequiredCurrency(entity, "currency"),
        EntityValues.RequiredDate(entity, "date"),
        EntityValues.RequiredEnum<PaymentMethod>(entity, "method"));
}
