using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;

namespace ArFunctions.Application.Intake;

/// <summary>What intake needs from storage: the references it checks and the writes it makes. Every write is an upsert.</summary>
public interface IIntakeStore
{
    /// <summary>The ids among <paramref name="ids"/> of customers that are stored.</summary>
    Task<IReadOnlySet<CustomerId>> FindExistingCustomersAsync(IReadOnlyCollection<CustomerId> ids, CancellationToken cancellationToken);

    /// <summary>The customer of each stored invoice among <paramref name="ids"/>; unknown invoices are left out.</summary>
    Task<IReadOnlyDictionary<InvoiceId, CustomerId>> FindInvoiceOwnersAsync(IReadOnlyCollection<InvoiceId> ids, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces customers (with their contacts).</summary>
    Task UpsertCustomersAsync(IReadOnlyList<Customer> customers, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces invoices and keeps them findable by invoice id.</summary>
    Task UpsertInvoicesAsync(IReadOnlyList<Invoice> invoices, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces payments, keyed by customer and payment id.</summary>
    Task UpsertPaymentsAsync(IReadOnlyList<Payment> payments, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces credits, keyed by customer and credit id.</summary>
    Task UpsertCreditsAsync(IReadOnlyList<Credit> credits, CancellationToken cancellationToken);
}
