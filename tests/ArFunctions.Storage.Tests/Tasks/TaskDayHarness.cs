using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Tasks;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using ArFunctions.Storage.DailyRuns;
using ArFunctions.Storage.Stores;
using ArFunctions.Storage.Tests.DailyRuns;
using ArFunctions.Storage.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace ArFunctions.Storage.Tests.Tasks;

/// <summary>
/// A real day on Azurite (<see cref="DailyRunHarness"/>, sample policy, 4 shards) with a clock on the run's date, and a
/// hand-built portfolio: each customer has invoices of 1,000 USD and 500 EUR due the day before <see cref="Day"/>, so the
/// run of <see cref="Day"/> (a deployment that already ran the day before, when these customers were not imported yet,
/// so they have no balance rank: standard segment) calls on day 1; <see cref="EscalatedCustomer"/> has one due ten days
/// before (escalation to collections-manager). From the second run on, so small a portfolio is all key accounts, whose
/// personal ladder calls again on business day 5 (<see cref="Day"/> + 6).
/// </summary>
internal sealed class TaskDayHarness : IAsyncDisposable
{
    public static readonly DateOnly Day = new(2026, 11, 17);

    public const string EscalatedCustomer = "E1";

    private readonly DailyRunHarness _run;

    private TaskDayHarness(DailyRunHarness run, FakeTimeProvider clock)
    {
        _run = run;
        Clock = clock;
    }

    public FakeTimeProvider Clock { get; }

    public static async Task<TaskDayHarness> CreateAsync(AzuriteFixture azurite, Action<IServiceCollection>? configure = null)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(Day.ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero));
        var run = await DailyRunHarness.CreateAsync(azurite, shardCount: 4, services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
            configure?.Invoke(services);
        });
        return new TaskDayHarness(run, clock);
    }

    public T Get<T>()
        where T : notnull => _run.Get<T>();

    /// <summary>Seeds <paramref name="unassigned"/> customers U1.. without a collector, <paramref name="ownedByDave"/> customers D1.. of dave, and <see cref="EscalatedCustomer"/>.</summary>
    public async Task SeedAsync(int unassigned, int ownedByDave)
    {
        // The deployment's first run, before these customers exist: the day's run then reads the ranks the finaliser
        // stored (none for them), as every run after the first does.
        Assert.Equal(RunStatus.Completed, (await _run.RunDayAsync(Day.AddDays(-1))).Status);
        var customers = new List<Customer>();
        var invoices = new List<Invoice>();
        foreach (var (id, collector) in Enumerable.Range(1, unassigned).Select(i => ($"U{i}", (string?)null))
                     .Concat(Enumerable.Range(1, ownedByDave).Select(i => ($"D{i}", (string?)"dave"))))
        {
            customers.Add(Customer(id, collector));
            invoices.Add(Invoice(id, id + "-1", 1_000m, Day.AddDays(-1)));
            invoices.Add(Invoice(id, id + "-2", 500m, Day.AddDays(-1), "EUR"));
        }

        customers.Add(Customer(EscalatedCustomer, null));
        invoices.Add(Invoice(EscalatedCustomer, EscalatedCustomer + "-1", 2_000m, Day.AddDays(-10)));
        await Get<CustomerStore>().UpsertAsync(customers, CancellationToken.None);
        await Get<InvoiceStore>().UpsertAsync(invoices, CancellationToken.None);
    }

    /// <summary>Runs the day of <paramref name="asOf"/> with the clock on it and returns the task messages it queued.</summary>
    public async Task<List<ActionMessage>> RunDayAsync(DateOnly asOf)
    {
        Clock.SetUtcNow(new DateTimeOffset(asOf.ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero));
        var run = await _run.RunDayAsync(asOf);
        Assert.Equal(RunStatus.Completed, run.Status);
        return (await _run.DrainActionsAsync()).Where(m => QueueNames.Of(m) == QueueNames.Tasks).ToList();
    }

    /// <summary>Hands each message to <see cref="CreateCallTask"/> <paramref name="deliveries"/> times, as an at-least-once queue may.</summary>
    public async Task<List<(ActionMessage Message, CreateTaskResult Result)>> HandleAsync(IEnumerable<ActionMessage> messages, int deliveries = 1)
    {
        var results = new List<(ActionMessage, CreateTaskResult)>();
        foreach (var message in messages)
        {
            for (var i = 0; i < deliveries; i++)
            {
                results.Add((message, await Get<CreateCallTask>().HandleAsync(message, CancellationToken.None)));
            }
        }

        return results;
    }

    public Task<CustomerTasks> TasksOfAsync(string customerId) =>
        Get<ITaskStore>().GetCustomerTasksAsync(new CustomerId(customerId), CancellationToken.None);

    public async Task<List<Invoice>> InvoicesOfAsync(string customerId)
    {
        var list = new List<Invoice>();
        await foreach (var invoice in Get<InvoiceStore>().StreamCustomerAsync(new CustomerId(customerId), CancellationToken.None))
        {
            list.Add(invoice);
        }

        return list;
    }

    public Task<List<StoredAction>> ActionsAsync() => _run.ActionsAsync();

    public Task MarkPaidAsync(IEnumerable<Invoice> invoices, DateOnly paidOn) => _run.MarkPaidAsync(invoices, paidOn);

    public ValueTask DisposeAsync() => _run.DisposeAsync();

    private static Customer Customer(string id, string? collector) => new()
    {
        Id = new CustomerId(id),
        Name = "Customer " + id,
        CreditScore = 90,
        RiskClass = RiskClass.Low,
        CustomerSince = new DateOnly(2020, 1, 1),
        MarginPct = 30m,
        AssignedCollector = collector,
        Contacts =
        [
            new Contact("Olga Other", ContactRole.Other, "olga@example.test", "+1 555 0101"),
            new Contact("Ann Clerk", ContactRole.ApClerk, "ann@example.test", "+1 555 0100", ContactChannel.Phone, "mornings"),
        ],
    };

    private static Invoice Invoice(string customerId, string id, decimal amount, DateOnly due, string currency = "USD") => new()
    {
        Id = new InvoiceId(id),
        CustomerId = new CustomerId(customerId),
        IssueDate = due.AddDays(-30),
        DueDate = due,
        Amount = amount,
        OpenAmount = amount,
        Currency = new CurrencyCode(currency),
    };
}
