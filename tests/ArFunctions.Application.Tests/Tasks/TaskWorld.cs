using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Portal;
using ArFunctions.Application.Tests.Portal;
using ArFunctions.Application.Ports;
using ArFunctions.Application.Tasks;
using ArFunctions.Application.Worklists;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Policies;
using ArFunctions.Domain.Strategies;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ArFunctions.Application.Tests.Tasks;

/// <summary>The task use cases over in-memory ports, the sample policy (collectors alice and bob on key-accounts, carol, dave and erin on standard) and a clock on <see cref="Today"/>.</summary>
internal sealed class TaskWorld
{
    public static readonly DateOnly Today = new(2026, 11, 23);

    public TaskWorld()
    {
        Clock = new FakeTimeProvider(new DateTimeOffset(Today.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
        Policy = new FixedPolicy(LoadPolicy());
        var business = new BusinessClock(Clock, TimeZoneInfo.Utc);
        var assigner = new TaskAssigner(Tasks, Accounts, Policy);
        Create = new CreateCallTask(Actions, Accounts, Tasks, assigner, Queue, Policy, business, NullLogger<CreateCallTask>.Instance);
        Query = new WorklistQuery(Worklists, Tasks, Policy);
        Record = new RecordTaskOutcome(Tasks, Accounts, Policy, business, new Access.AccessRules(Policy, Query), NullLogger<RecordTaskOutcome>.Instance);
        var optOut = new Contacts.OptOutContact(Accounts, ContactStates, business, NullLogger<Contacts.OptOutContact>.Instance);
        Portal = new PortalActions(Tasks, Accounts, assigner, optOut, Policy, business, NullLogger<PortalActions>.Instance);
    }

    public FakeTimeProvider Clock { get; }

    public FixedPolicy Policy { get; }

    public InMemoryTaskStore Tasks { get; } = new();

    public InMemoryAccounts Accounts { get; } = new();

    public InMemoryActions Actions { get; } = new();

    public RecordingQueue Queue { get; } = new();

    public InMemoryWorklists Worklists { get; } = new();

    public CreateCallTask Create { get; }

    public RecordTaskOutcome Record { get; }

    public WorklistQuery Query { get; }

    public PortalActions Portal { get; }

    public InMemoryContactStates ContactStates { get; } = new();

    public static CollectionPolicy LoadPolicy()
    {
        var result = PolicyLoader.Load(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "config", "policy.sample.json")));
        return result.IsValid ? result.Policy : throw new InvalidOperationException(string.Join("; ", result.Errors));
    }

    public Customer AddCustomer(string id, string? collector = null, string? segment = null)
    {
        var customer = new Customer
        {
            Id = new CustomerId(id),
            Name = "Customer " + id,
            AssignedCollector = collector,
            Contacts =
            [
                new Contact("Pat Payables", ContactRole.ApClerk, "pat@example.test", null),
                new Contact("Ann Clerk", ContactRole.ApClerk, "ann@example.test", "+1 555 0100", ContactChannel.Phone, "mornings"),
                new Contact("Carl Controller", ContactRole.Controller, null, "+1 555 0199"),
            ],
        };
        Accounts.Customers[customer.Id] = customer;
        if (segment is not null)
        {
            Accounts.Segments[customer.Id] = segment;
        }

        return customer;
    }

    public Invoice AddInvoice(string customerId, string invoiceId, decimal open, string currency = "USD", int daysOverdue = 5)
    {
        var invoice = new Invoice
        {
            Id = new InvoiceId(invoiceId),
            CustomerId = new CustomerId(customerId),
            IssueDate = Today.AddDays(-30 - daysOverdue),
            DueDate = Today.AddDays(-daysOverdue),
            Amount = open,
            OpenAmount = open,
            Currency = new CurrencyCode(currency),
        };
        Accounts.Invoices.Add(invoice);
        return invoice;
    }

    public ActionMessage AddAction(
        string actionId, ActionKind kind, string customerId, string[] invoices, string step = "call-d1", ContactRole? role = ContactRole.ApClerk, string? assignTo = null, string? template = null)
    {
        var steps = invoices.Select(i => string.Join(EntityKey.Separator, i, "standard-v1", step)).ToArray();
        Actions.Actions[actionId] = new TaskAction(
            actionId, Today, kind, new CustomerId(customerId), template, role is null ? null : "Pat Payables", role, assignTo, invoices, steps, ActionStatus.Queued);
        return new ActionMessage(actionId, 0, customerId, KebabName<ActionKind>.Format(kind), Today);
    }

    /// <summary>A customer with two overdue invoices and an open call task assigned to <paramref name="collector"/>; returns the task.</summary>
    public async Task<CollectorTask> OpenCallTaskAsync(string customerId = "C1", string collector = "carol")
    {
        AddCustomer(customerId, collector);
        AddInvoice(customerId, customerId + "-I1", 300m, daysOverdue: 10);
        AddInvoice(customerId, customerId + "-I2", 200m, daysOverdue: 3);
        var message = AddAction("a-" + customerId, ActionKind.Call, customerId, [customerId + "-I1", customerId + "-I2"]);
        var result = await Create.HandleAsync(message, CancellationToken.None);
        return (await Tasks.GetAsync(result.TaskId!, CancellationToken.None))!;
    }
}
