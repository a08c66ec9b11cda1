using System.Collections.Concurrent;
using ArFunctions.Application.Intake;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using ArFunctions.Storage.Stores;

namespace ArFunctions.Storage.Intake;

/// <summary>
/// <see cref="IIntakeStore"/> over the customer, invoice, payment and credit stores. Existence checks are point reads (customer
/// by shard and id, invoice through the invoice index), a few at a time: a batch of 1,000 is 1,000 reads at most.
/// </summary>
public sealed class TableIntakeStore(CustomerStore customerStore, InvoiceStore invoiceStore, InvoiceIndexStore invoiceIndex, PaymentStore paymentStore, CreditStore creditStore) : IIntakeStore
{
    /// <summary>Concurrent point reads per lookup: enough to hide latency, few enough not to trip throttling.</summary>
    public const int ReadParallelism = 16;

    public async Task<IReadOnlySet<CustomerId>> FindExistingCustomersAsync(IReadOnlyCollection<CustomerId> ids, CancellationToken cancellationToken)
    {
        var found = new ConcurrentDictionary<CustomerId, bool>();
        await Parallel.ForEachAsync(ids, Options(cancellationToken), async (id, token) =>
        {
            if (await customerStore.GetAsync(id, token).ConfigureAwait(false) is not null)
            {
                found[id] = true;
            }
        }).ConfigureAwait(false);
        return found.Keys.ToHashSet();
    }

    public async Task<IReadOnlyDictionary<InvoiceId, CustomerId>> FindInvoiceOwnersAsync(IReadOnlyCollection<InvoiceId> ids, CancellationToken cancellationToken)
    {
        var owners = new ConcurrentDictionary<InvoiceId, CustomerId>();
        await Parallel.ForEachAsync(ids, Options(cancellationToken), async (id, token) =>
        {
            if (await invoiceIndex.FindAsync(id, token).ConfigureAwait(false) is { } location)
            {
                owners[id] = location.CustomerId;
            }
        }).ConfigureAwait(false);
        return owners.ToDictionary();
    }

    public Task UpsertCustomersAsync(IReadOnlyList<Customer> customers, CancellationToken cancellationToken) =>
        customerStore.UpsertAsync(customers, cancellationToken);

    public Task UpsertInvoicesAsync(IReadOnlyList<Invoice> invoices, CancellationToken cancellationToken) =>
        invoiceStore.UpsertAsync(invoices, cancellationToken);

    public Task UpsertPaymentsAsync(IReadOnlyList<Payment> payments, CancellationToken cancellationToken) =>
        paymentStore.UpsertAsync(payments, cancellationToken);

    public Task UpsertCreditsAsync(IReadOnlyList<Credit> credits, CancellationToken cancellationToken) =>
        creditStore.UpsertAsync(credits, cancellationToken);

    private static ParallelOptions Options(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = ReadParallelism, CancellationToken = cancellationToken };
}
