using ArFunctions.Application.Ports;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using Microsoft.Extensions.Logging;

namespace ArFunctions.Application.Intake;

/// <summary>
/// Bulk upsert of customers (with contacts), invoices, payments and credits from HTTP or CSV. Every record is validated
/// (<see cref="IntakeValidator"/>) and every reference checked against storage: invoices need a customer that is stored
/// or in the same call, and an invoice id already stored under another customer cannot move; payments need an invoice
/// that is stored (or in the same call) and, when they name a customer, that invoice's customer; credits need a customer
/// that is stored or in the same call and, when they name the invoice they apply to, an invoice of that customer. <b>A batch with any
/// error writes nothing</b> and the result lists every error. Re-posting a batch is harmless: writes are upserts.
/// </summary>
/// <remarks>
/// Payments are history records (the payment-behaviour features read them): intake does not change any invoice's open
/// amount or status. The invoice import carries open amounts as the ERP knows them; applying a payment to an invoice is
/// the job of the payment-processor webhooks. "Today", for dates that must not be in the future, is the business date
/// (<see cref="BusinessClock"/>).
/// </remarks>
public sealed partial class Intake(IIntakeStore store, IPolicySource policies, BusinessClock clock, ILogger<Intake> logger)
{
    private DateOnly Today => clock.Today;

    public async Task<IntakeResult> UpsertCustomersAsync(IReadOnlyList<CustomerInput> customers, CancellationToken cancellationToken)
    {
        var validation = IntakeValidator.ValidateCustomers(customers, Today);
        if (!validation.IsValid)
        {
            return Reject("customers", validation.Errors);
        }

        await store.UpsertCustomersAsync(validation.Records, cancellationToken).ConfigureAwait(false);
        return Accept("customers", validation.Records.Count);
    }

    public async Task<IntakeResult> UpsertInvoicesAsync(IReadOnlyList<InvoiceInput> invoices, CancellationToken cancellationToken)
    {
        var validation = IntakeValidator.ValidateInvoices(invoices, policies.Current, Today);
        var errors = new List<IntakeError>(validation.Errors);
        if (!HasBatchError(validation.Errors))
        {
            errors.AddRange(await CheckInvoiceReferencesAsync(invoices, new HashSet<CustomerId>(), cancellationToken).ConfigureAwait(false));
        }

        if (errors.Count > 0)
        {
            return Reject("invoices", ByIndex(errors));
        }

        await store.UpsertInvoicesAsync(validation.Records, cancellationToken).ConfigureAwait(false);
        return Accept("invoices", validation.Records.Count);
    }

    public async Task<IntakeResult> UpsertPaymentsAsync(IReadOnlyList<PaymentInput> payments, CancellationToken cancellationToken)
    {
        var validation = IntakeValidator.ValidatePayments(payments, policies.Current, Today);
        var errors = new List<IntakeError>(validation.Errors);
        var owners = new Dictionary<InvoiceId, CustomerId>();
        if (!HasBatchError(validation.Errors))
        {
            owners = await ResolvePaymentOwnersAsync(payments, new Dictionary<InvoiceId, CustomerId>(), errors, cancellationToken).ConfigureAwait(false);
        }

        if (errors.Count > 0)
        {
            return Reject("payments", ByIndex(errors));
        }

        var records = validation.Records.Select(p => p.ToPayment(owners[p.InvoiceId])).ToList();
        await store.UpsertPaymentsAsync(records, cancellationToken).ConfigureAwait(false);
        return Accept("payments", records.Count);
    }

    public async Task<IntakeResult> UpsertCreditsAsync(IReadOnlyList<CreditInput> credits, CancellationToken cancellationToken)
    {
        var validation = IntakeValidator.ValidateCredits(credits, policies.Current, Today);
        var errors = new List<IntakeError>(validation.Errors);
        if (!HasBatchError(validation.Errors))
        {
            errors.AddRange(await CheckCreditReferencesAsync(credits, [], [], cancellationToken).ConfigureAwait(false));
        }

        if (errors.Count > 0)
        {
            return Reject("credits", ByIndex(errors));
        }

        await store.UpsertCreditsAsync(validation.Records, cancellationToken).ConfigureAwait(false);
        return Accept("credits", validation.Records.Count);
    }

    /// <summary>
    /// Customers, invoices, payments and credits in one call: invoices may belong to customers of the same call, payments to
    /// invoices of the same call, credits to customers (and invoices) of the same call. Error paths name the list (<c>invoices[3].dueDate</c>). Written in that order; each
    /// list may be empty, not all of them.
    /// </summary>
    public async Task<IntakeResult> UpsertAsync(IntakeBatch batch, CancellationToken cancellationToken)
    {
        // A JSON body may carry an explicit null for a list.
        batch = batch with { Customers = batch.Customers ?? [], Invoices = batch.Invoices ?? [], Payments = batch.Payments ?? [], Credits = batch.Credits ?? [] };
        if (batch.Customers.Count + batch.Invoices.Count + batch.Payments.Count + batch.Credits.Count == 0)
        {
            return Reject("records", [new IntakeError(-1, IntakeError.Whole, "the batch is empty: send customers, invoices, payments or credits")]);
        }

        var today = Today;
        var policy = policies.Current;
        var customers = IntakeValidator.ValidateCustomers(batch.Customers, today, allowEmpty: true);
        var invoices = IntakeValidator.ValidateInvoices(batch.Invoices, policy, today, allowEmpty: true);
        var payments = IntakeValidator.ValidatePayments(batch.Payments, policy, today, allowEmpty: true);
        var credits = IntakeValidator.ValidateCredits(batch.Credits, policy, today, allowEmpty: true);

        var invoiceErrors = new List<IntakeError>(invoices.Errors);
        if (!HasBatchError(invoices.Errors))
        {
            invoiceErrors.AddRange(await CheckInvoiceReferencesAsync(batch.Invoices, ValidCustomerIds(batch.Customers), cancellationToken).ConfigureAwait(false));
        }

        var paymentErrors = new List<IntakeError>(payments.Errors);
        var owners = new Dictionary<InvoiceId, CustomerId>();
        if (!HasBatchError(payments.Errors))
        {
            owners = await ResolvePaymentOwnersAsync(batch.Payments, InvoiceOwnersIn(batch.Invoices), paymentErrors, cancellationToken).ConfigureAwait(false);
        }

        var creditErrors = new List<IntakeError>(credits.Errors);
        if (!HasBatchError(credits.Errors))
        {
            creditErrors.AddRange(await CheckCreditReferencesAsync(batch.Credits, ValidCustomerIds(batch.Customers), InvoiceOwnersIn(batch.Invoices), cancellationToken).ConfigureAwait(false));
        }

        List<IntakeError> errors =
        [
            .. InList("customers", customers.Errors), .. InList("invoices", ByIndex(invoiceErrors)), .. InList("payments", ByIndex(paymentErrors)),
            .. InList("credits", ByIndex(creditErrors)),
        ];
        if (errors.Count > 0)
        {
            return Reject("records", errors);
        }

        await WriteAsync(customers.Records, invoices.Records, [.. payments.Records.Select(p => p.ToPayment(owners[p.InvoiceId]))], credits.Records, cancellationToken).ConfigureAwait(false);
        return Accept("records", customers.Records.Count + invoices.Records.Count + payments.Records.Count + credits.Records.Count);
    }

    private async Task WriteAsync(
        IReadOnlyList<Customer> customers, IReadOnlyList<Invoice> invoices, IReadOnlyList<Payment> payments, IReadOnlyList<Credit> credits, CancellationToken cancellationToken)
    {
        // Not atomic across tables: if a write fails part-way, posting the batch again completes it.
        if (customers.Count > 0)
        {
            await store.UpsertCustomersAsync(customers, cancellationToken).ConfigureAwait(false);
        }

        if (invoices.Count > 0)
        {
            await store.UpsertInvoicesAsync(invoices, cancellationToken).ConfigureAwait(false);
        }

        if (payments.Count > 0)
        {
            await store.UpsertPaymentsAsync(payments, cancellationToken).ConfigureAwait(false);
        }

        if (credits.Count > 0)
        {
            await store.UpsertCreditsAsync(credits, cancellationToken).ConfigureAwait(false);
        }
    }

    private IntakeResult Accept(string kind, int count)
    {
        LogAccepted(count, kind);
        return IntakeResult.Success(count, kind);
    }

    private IntakeResult Reject(string kind, IReadOnlyList<IntakeError> errors)
    {
        LogRejected(kind, errors.Count);
        return IntakeResult.Rejected(errors, kind);
    }

    [LoggerMessage(LogLevel.Information, "Intake accepted {Count} {Kind}")]
    private partial void LogAccepted(int count, string kind);

    [LoggerMessage(LogLevel.Information, "Intake rejected a batch of {Kind} with {Errors} errors; nothing written")]
    private partial void LogRejected(string kind, int errors);
}
