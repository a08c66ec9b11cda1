using System.Globalization;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Application.Intake;

/// <summary>
/// Checks a whole intake batch without I/O and returns either every record as a domain object or every error found
/// (never a part of the batch). What needs storage (does the customer or invoice exist?) is checked by
/// <see cref="Intake"/>. "Today" is a parameter: dates of things that happened (customer since, issue, payment,
/// dispute, promise) must not be after it.
/// </summary>
public static partial class IntakeValidator
{
    /// <summary>The most records one call takes; a larger import is split by the caller.</summary>
    public const int MaxBatchSize = 1000;

    /// <summary>Free text fields (names, industry, preferred time) are at most this long.</summary>
    public const int MaxTextLength = 256;

    /// <summary>Contacts are stored in one table property, which must stay under Azure's 32K-character limit.</summary>
    public const int MaxContacts = 20;

    public static IntakeValidation<Customer> ValidateCustomers(IReadOnlyList<CustomerInput?>? batch, DateOnly today) =>
        ValidateCustomers(batch, today, allowEmpty: false);

    public static IntakeValidation<Invoice> ValidateInvoices(IReadOnlyList<InvoiceInput?>? batch, CollectionPolicy policy, DateOnly today) =>
        ValidateInvoices(batch, policy, today, allowEmpty: false);

    /// <summary>Payments as drafts: the customer of each comes from its invoice, which only storage knows.</summary>
    public static IntakeValidation<PaymentDraft> ValidatePayments(IReadOnlyList<PaymentInput?>? batch, CollectionPolicy policy, DateOnly today) =>
        ValidatePayments(batch, policy, today, allowEmpty: false);

    internal static IntakeValidation<Customer> ValidateCustomers(IReadOnlyList<CustomerInput?>? batch, DateOnly today, bool allowEmpty) =>
        Validate(batch, allowEmpty, input => input.Id, (input, check) => ReadCustomer(input, check, today));

    internal static IntakeValidation<Invoice> ValidateInvoices(IReadOnlyList<InvoiceInput?>? batch, CollectionPolicy policy, DateOnly today, bool allowEmpty) =>
        Validate(batch, allowEmpty, input => input.Id, (input, check) => ReadInvoice(input, check, policy, today));

    internal static IntakeValidation<PaymentDraft> ValidatePayments(IReadOnlyList<PaymentInput?>? batch, CollectionPolicy policy, DateOnly today, bool allowEmpty) =>
        Validate(batch, allowEmpty, input => input.Id, (input, check) => ReadPayment(input, check, policy, today));

    /// <summary>Null when the batch's size is fine, else the error that says so.</summary>
    internal static IntakeError? CheckSize(int? count, bool allowEmpty)
    {
        if (count is null || (count == 0 && !allowEmpty))
        {
            return new IntakeError(-1, IntakeError.Whole, $"the batch is empty: send 1 to {MaxBatchSize.ToString(CultureInfo.InvariantCulture)} records");
        }

        return count > MaxBatchSize
            ? new IntakeError(-1, IntakeError.Whole, $"the batch has {count.Value.ToString(CultureInfo.InvariantCulture)} records; at most {MaxBatchSize.ToString(CultureInfo.InvariantCulture)} per call: split it into smaller batches")
            : null;
    }

    private static IntakeValidation<TOut> Validate<TIn, TOut>(
        IReadOnlyList<TIn?>? batch, bool allowEmpty, Func<TIn, string?> idOf, Func<TIn, RecordCheck, TOut?> read)
        where TIn : class
        where TOut : class
    {
        var errors = new List<IntakeError>();
        if (CheckSize(batch?.Count, allowEmpty) is { } sizeError)
        {
            return new IntakeValidation<TOut>([], [sizeError]);
        }

        var records = new List<TOut>(batch!.Count);
        var firstIndexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < batch.Count; i++)
        {
            var check = new RecordCheck(errors, i);
            if (batch[i] is not { } input)
            {
                check.Fail(IntakeError.Whole, "the record is empty (null)");
                continue;
            }

            var record = read(input, check);
            if (idOf(input) is { } id && !string.IsNullOrWhiteSpace(id) && !firstIndexOf.TryAdd(id, i))
            {
                check.Fail("id", $"'{id}' appears more than once in the batch (first at index {firstIndexOf[id].ToString(CultureInfo.InvariantCulture)})");
            }

            if (record is not null && !check.HasErrors)
            {
                records.Add(record);
            }
        }

        return errors.Count == 0 ? new IntakeValidation<TOut>(records, []) : new IntakeValidation<TOut>([], errors);
    }

    private static PaymentDraft? ReadPayment(PaymentInput input, RecordCheck check, CollectionPolicy policy, DateOnly today)
    {
        var id = check.Key("id", input.Id);
        var invoiceId = check.Key("invoiceId", input.InvoiceId);
        var customerId = check.Key("customerId", input.CustomerId, required: false);
        var amount = check.Money("amount", input.Amount);
        if (amount == 0m)
        {
            check.Fail("amount", "is 0: a payment is for more than nothing");
        }

        var currency = check.Currency("currency", input.Currency, policy.Currency);
        var date = check.PastDate("date", input.Date, today, required: true);
        var method = check.Enum<PaymentMethod>("method", input.Method, required: true);
        if (check.HasErrors)
        {
            return null;
        }

        return new PaymentDraft(
            id!,
            new Domain.Common.InvoiceId(invoiceId!),
            customerId is null ? null : new Domain.Common.CustomerId(customerId),
            amount!.Value,
            currency!.Value,
            date!.Value,
            method!.Value);
    }
}
