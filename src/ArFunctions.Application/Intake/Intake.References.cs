using ArFunctions.Domain.Common;

namespace ArFunctions.Application.Intake;

public sealed partial class Intake
{
    /// <summary>
    /// Errors for invoices whose customer is neither stored nor in <paramref name="customersInCall"/>, and for invoice
    /// ids stored under another customer (the old row would stay behind, open, under its first customer).
    /// </summary>
    private async Task<List<IntakeError>> CheckInvoiceReferencesAsync(
        IReadOnlyList<InvoiceInput?> invoices, HashSet<CustomerId> customersInCall, CancellationToken cancellationToken)
    {
        var customerIds = new HashSet<CustomerId>();
        var invoiceIds = new HashSet<InvoiceId>();
        foreach (var input in invoices)
        {
            if (TryCustomerId(input?.CustomerId, out var customerId) && !customersInCall.Contains(customerId))
            {
                customerIds.Add(customerId);
            }

            if (TryInvoiceId(input?.Id, out var invoiceId))
            {
                invoiceIds.Add(invoiceId);
            }
        }

        var stored = customerIds.Count == 0 ? new HashSet<CustomerId>() : await store.FindExistingCustomersAsync(customerIds, cancellationToken).ConfigureAwait(false);
        var owners = invoiceIds.Count == 0 ? new Dictionary<InvoiceId, CustomerId>() : await store.FindInvoiceOwnersAsync(invoiceIds, cancellationToken).ConfigureAwait(false);
        var errors = new List<IntakeError>();
        for (var i = 0; i < invoices.Count; i++)
        {
            if (!TryCustomerId(invoices[i]?.CustomerId, out var customerId))
            {
                continue;
            }

            if (!customersInCall.Contains(customerId) && !stored.Contains(customerId))
            {
                errors.Add(new IntakeError(i, "customerId", $"no customer '{customerId}' is stored or in this call: send the customer first"));
            }
            else if (TryInvoiceId(invoices[i]!.Id, out var invoiceId) && owners.TryGetValue(invoiceId, out var owner) && owner != customerId)
            {
                errors.Add(new IntakeError(i, "customerId", $"invoice '{invoiceId}' belongs to customer '{owner}'; an invoice cannot move to another customer"));
            }
        }

        return errors;
    }

    /// <summary>
    /// The customer of every invoice the payments name, from <paramref name="invoicesInCall"/> first, else from storage;
    /// adds an error for each payment whose invoice is unknown or whose customer is not the invoice's.
    /// </summary>
    private async Task<Dictionary<InvoiceId, CustomerId>> ResolvePaymentOwnersAsync(
        IReadOnlyList<PaymentInput?> payments, Dictionary<InvoiceId, CustomerId> invoicesInCall, List<IntakeError> errors, CancellationToken cancellationToken)
    {
        var lookup = new HashSet<InvoiceId>();
        foreach (var input in payments)
        {
            if (TryInvoiceId(input?.InvoiceId, out var invoiceId) && !invoicesInCall.ContainsKey(invoiceId))
            {
                lookup.Add(invoiceId);
            }
        }

        var owners = new Dictionary<InvoiceId, CustomerId>(invoicesInCall);
        if (lookup.Count > 0)
        {
            foreach (var (invoiceId, owner) in await store.FindInvoiceOwnersAsync(lookup, cancellationToken).ConfigureAwait(false))
            {
                owners.TryAdd(invoiceId, owner);
            }
        }

        for (var i = 0; i < payments.Count; i++)
        {
            if (!TryInvoiceId(payments[i]?.InvoiceId, out var invoiceId))
            {
                continue;
            }

            if (!owners.TryGetValue(invoiceId, out var owner))
            {
                errors.Add(new IntakeError(i, "invoiceId", $"no invoice '{invoiceId}' is stored or in this call"));
            }
            else if (TryCustomerId(payments[i]!.CustomerId, out var customerId) && customerId != owner)
            {
                errors.Add(new IntakeError(i, "customerId", $"is '{customerId}' but invoice '{invoiceId}' belongs to customer '{owner}'"));
            }
        }

        return owners;
    }

    /// <summary>
    /// Errors for credits whose customer is neither stored nor in <paramref name="customersInCall"/>, and for credits
    /// that apply to an invoice that is unknown or another customer's.
    /// </summary>
    private async Task<List<IntakeError>> CheckCreditReferencesAsync(
        IReadOnlyList<CreditInput?> credits, HashSet<CustomerId> customersInCall, Dictionary<InvoiceId, CustomerId> invoicesInCall, CancellationToken cancellationToken)
    {
        var customerIds = new HashSet<CustomerId>();
        var invoiceIds = new HashSet<InvoiceId>();
        foreach (var input in credits)
        {
            if (TryCustomerId(input?.CustomerId, out var customerId) && !customersInCall.Contains(customerId))
            {
                customerIds.Add(customerId);
            }

            if (TryInvoiceId(input?.AppliesTo, out var invoiceId) && !invoicesInCall.ContainsKey(invoiceId))
            {
                invoiceIds.Add(invoiceId);
            }
        }

        var stored = customerIds.Count == 0 ? new HashSet<CustomerId>() : await store.FindExistingCustomersAsync(customerIds, cancellationToken).ConfigureAwait(false);
        var owners = new Dictionary<InvoiceId, CustomerId>(invoicesInCall);
        if (invoiceIds.Count > 0)
        {
            foreach (var (invoiceId, owner) in await store.FindInvoiceOwnersAsync(invoiceIds, cancellationToken).ConfigureAwait(false))
            {
                owners.TryAdd(invoiceId, owner);
            }
        }

        var errors = new List<IntakeError>();
        for (var i = 0; i < credits.Count; i++)
        {
            if (!TryCustomerId(credits[i]?.CustomerId, out var customerId))
            {
                continue;
            }

            if (!customersInCall.Contains(customerId) && !stored.Contains(customerId))
            {
                errors.Add(new IntakeError(i, "customerId", $"no customer '{customerId}' is stored or in this call: send the customer first"));
            }

            if (!TryInvoiceId(credits[i]!.AppliesTo, out var invoiceId))
            {
                continue;
            }

            if (!owners.TryGetValue(invoiceId, out var owner))
            {
                errors.Add(new IntakeError(i, "appliesTo", $"no invoice '{invoiceId}' is stored or in this call"));
            }
            else if (owner != customerId)
            {
                errors.Add(new IntakeError(i, "appliesTo", $"invoice '{invoiceId}' belongs to customer '{owner}', not '{customerId}'"));
            }
        }

        return errors;
    }

    private static HashSet<CustomerId> ValidCustomerIds(IReadOnlyList<CustomerInput?> customers)
    {
        var ids = new HashSet<CustomerId>();
        foreach (var input in customers)
        {
            if (TryCustomerId(input?.Id, out var id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    private static Dictionary<InvoiceId, CustomerId> InvoiceOwnersIn(IReadOnlyList<InvoiceInput?> invoices)
    {
        var owners = new Dictionary<InvoiceId, CustomerId>();
        foreach (var input in invoices)
        {
            if (TryInvoiceId(input?.Id, out var invoiceId) && TryCustomerId(input!.CustomerId, out var customerId))
            {
                owners.TryAdd(invoiceId, customerId);
            }
        }

        return owners;
    }

    private static bool TryCustomerId(string? value, out CustomerId id)
    {
        id = RecordCheck.IsKey(value, out _) ? new CustomerId(value!) : default;
        return id != default;
    }

    private static bool TryInvoiceId(string? value, out InvoiceId id)
    {
        id = RecordCheck.IsKey(value, out _) ? new InvoiceId(value!) : default;
        return id != default;
    }

    private static bool HasBatchError(IReadOnlyList<IntakeError> errors) => errors.Count > 0 && errors[0].Index < 0;

    private static List<IntakeError> ByIndex(List<IntakeError> errors) => [.. errors.OrderBy(e => e.Index)];

    /// <summary>Error paths of a combined call: <c>invoices[3].dueDate</c>, <c>invoices[3]</c>, or <c>invoices</c> for the list.</summary>
    private static IEnumerable<IntakeError> InList(string list, IReadOnlyList<IntakeError> errors) =>
        errors.Select(e => e with
        {
            Field = e.Index < 0 ? list : e.Field == IntakeError.Whole ? $"{list}[{e.Index}]" : $"{list}[{e.Index}].{e.Field}",
        });
}
