using Azure.Data.Tables;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;

namespace ArFunctions.Storage.Mapping;

/// <summary>
/// Invoice rows: PartitionKey = the customer's shard, RowKey = "customerId|invoiceId", so a customer's invoices are
/// one contiguous range of its shard. Dispute and promise are flat properties, absent when there is none.
/// </summary>
public static class InvoiceEntityMapper
{
    public static string RowKey(CustomerId customerId, InvoiceId invoiceId) => CompositeKey.Join(customerId.Value, invoiceId.Value);

    public static TableEntity ToEntity(Invoice invoice, string partitionKey) => new(partitionKey, RowKey(invoice.CustomerId, invoice.Id))
    {
        ["customerId"] = invoice.CustomerId.Value,
        ["invoiceId"] = invoice.Id.Value,
        ["issueDate"] = EntityValues.FromDate(invoice.IssueDate),
        ["dueDate"] = EntityValues.FromDate(invoice.DueDate),
        ["amount"] = EntityValues.FromDecimal(invoice.Amount),
        ["openAmount"] = EntityValues.FromDecimal(invoice.OpenAmount),
        ["currency"] = invoice.Currency.Value,
        ["status"] = KebabName<InvoiceStatus>.Format(invoice.Status),
        ["disputeCategory"] = invoice.Dispute?.Category,
        ["disputeOpened"] = EntityValues.FromDate(invoice.Dispute?.Opened),
        ["disputeResolved"] = EntityValues.FromDate(invoice.Dispute?.Resolved),
        ["disputeOpenedBy"] = invoice.Dispute?.OpenedBy,
        ["promiseDate"] = EntityValues.FromDate(invoice.Promise?.Date),
        ["promiseAmount"] = invoice.Promise is { } promise ? EntityValues.FromDecimal(promise.Amount) : null,
        ["promiseMadeOn"] = EntityValues.FromDate(invoice.Promise?.MadeOn),
        ["promiseRecordedBy"] = invoice.Promise?.RecordedBy,
        ["paidOn"] = EntityValues.FromDate(invoice.PaidOn),
        ["paymentLink"] = invoice.PaymentLink,
    };

    public static Invoice FromEntity(TableEntity entity) => new()
    {
        Id = EntityValues.RequiredInvoiceId(entity, "invoiceId"),
        CustomerId = EntityValues.RequiredCustomerId(entity, "customerId"),
        IssueDate = EntityValues.RequiredDate(entity, "issueDate"),
        DueDate = EntityValues.RequiredDate(entity, "dueDate"),
        Amount = EntityValues.RequiredDecimal(entity, "amount"),
        OpenAmount = EntityValues.RequiredDecimal(entity, "openAmount"),
        Currency = EntityValues.RequiredCurrency(entity, "currency"),
        Status = EntityValues.RequiredEnum<InvoiceStatus>(entity, "status"),
        Dispute = ReadDispute(entity),
        Promise = ReadPromise(entity),
        PaidOn = EntityValues.OptionalDate(entity, "paidOn"),
        PaymentLink = entity.GetString("paymentLink"),
    };

    private static Dispute? ReadDispute(TableEntity entity) =>
        entity.GetString("disputeCategory") is { } category
            ? new Dispute(category, EntityValues.RequiredDate(entity, "disputeOpened"), EntityValues.OptionalDate(entity, "disputeResolved"), entity.GetString("disputeOpenedBy"))
            : null;

    private static PaymentPromise? ReadPromise(TableEntity entity) =>
        EntityValues.OptionalDate(entity, "promiseDate") is { } date
            ? new PaymentPromise(date, EntityValues.RequiredDecimal(entity, "promiseAmount"), EntityValues.RequiredDate(entity, "promiseMadeOn"), entity.GetString("promiseRecordedBy"))
            : null;
}
