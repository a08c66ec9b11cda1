using ArFunctions.Application.Intake;
using ArFunctions.Application.Ports;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Policies;
using IntakeUseCase = ArFunctions.Application.Intake.Intake;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArFunctions.Application.Tests.Builders;

/// <summary>The intake port in memory, keyed as the tables are; counts write calls so a test can see "nothing written".</summary>
public sealed class InMemoryIntakeStore : IIntakeStore
{
    public Dictionary<CustomerId, Customer> Customers { get; } = [];

    public Dictionary<(CustomerId, InvoiceId), Invoice> Invoices { get; } = [];

    public Dictionary<(CustomerId, string), Payment> Payments { get; } = [];

    public Dictionary<(CustomerId, string), Credit> Credits { get; } = [];

    public int WriteCalls { get; private set; }

    public Task<IReadOnlySet<CustomerId>> FindExistingCustomersAsync(IReadOnlyCollection<CustomerId> ids, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlySet<CustomerId>>(ids.Where(Customers.ContainsKey).ToHashSet());

    public Task<IReadOnlyDictionary<InvoiceId, CustomerId>> FindInvoiceOwnersAsync(IReadOnlyCollection<InvoiceId> ids, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<InvoiceId, CustomerId>>(
            Invoices.Values.Where(i => ids.Contains(i.Id)).ToDictionary(i => i.Id, i => i.CustomerId));

    public Task UpsertCustomersAsync(IReadOnlyList<Customer> customers, CancellationToken cancellationToken)
    {
        WriteCalls++;
        foreach (var customer in customers)
        {
            Customers[customer.Id] = customer;
        }

        return Task.CompletedTask;
    }

    public Task UpsertInvoicesAsync(IReadOnlyList<Invoice> invoices, CancellationToken cancellationToken)
    {
        WriteCalls++;
        foreach (var invoice in invoices)
        {
            Invoices[(invoice.CustomerId, invoice.Id)] = invoice;
        }

        return Task.CompletedTask;
    }

    public Task UpsertPaymentsAsync(IReadOnlyList<Payment> payments, CancellationToken cancellationToken)
    {
        WriteCalls++;
        foreach (var payment in payments)
        {
            Payments[(payment.CustomerId, payment.Id)] = payment;
        }

        return Task.CompletedTask;
    }

    public Task UpsertCreditsAsync(IReadOnlyList<Credit> credits, CancellationToken cancellationToken)
    {
        WriteCalls++;
        foreach (var credit in credits)
        {
            Credits[(credit.CustomerId, credit.Id)] = credit;
        }

        return Task.CompletedTask;
    }

    /// <summary>The use case over this store with the sample policy, at <paramref name="now"/> (default: noon UTC of <see cref="IntakeData.Today"/>).</summary>
    public IntakeUseCase Intake(DateTimeOffset? now = null) =>
        new(this, new FixedPolicy(IntakeData.Policy), FixedTime.Business(now ?? new DateTimeOffset(IntakeData.Today, new TimeOnly(12, 0), TimeSpan.Zero)), NullLogger<IntakeUseCase>.Instance);

    /// <summary>Seeds stored customers; not counted as a write.</summary>
    public void Add(params Customer[] customers)
    {
        foreach (var customer in customers)
        {
            Customers[customer.Id] = customer;
        }
    }

    /// <summary>Seeds stored invoices; not counted as a write.</summary>
    public void Add(params Invoice[] invoices)
    {
        foreach (var invoice in invoices)
        {
            Invoices[(invoice.CustomerId, invoice.Id)] = invoice;
        }
    }

    /// <summary>A store holding one open EUR invoice of 500 (and its customer, when <paramref name="withCustomer"/>).</summary>
    public static InMemoryIntakeStore WithInvoice(string invoiceId, string customerId, bool withCustomer = false)
    {
        var store = new InMemoryIntakeStore();
        if (withCustomer)
        {
            store.Add(new Customer { Id = new CustomerId(customerId), Name = "Contoso", CustomerSince = new DateOnly(2020, 1, 1) });
        }

        store.Add(new Invoice
        {
            Id = new InvoiceId(invoiceId),
            CustomerId = new CustomerId(customerId),
            IssueDate = new DateOnly(2025, 1, 1),
            DueDate = new DateOnly(2025, 1, 31),
            Amount = 500m,
            OpenAmount = 500m,
            Currency = new CurrencyCode("EUR"),
        });
        return store;
    }

    private sealed class FixedPolicy(CollectionPolicy policy) : IPolicySource
    {
        public CollectionPolicy Current => policy;
    }
}
