using System.Globalization;
using ArFunctions.Application.Access;
using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Emails;
using ArFunctions.Application.Ports;
using ArFunctions.Application.Tasks;
using ArFunctions.Application.Webhooks;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using ArFunctions.Email;
using ArFunctions.Local;
using ArFunctions.Samples;
using ArFunctions.Samples.Simulation;
using ArFunctions.Storage;
using ArFunctions.Storage.Mapping;
using ArFunctions.Storage.Tables;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ArFunctions.FaultReplay;

/// <summary>The replay's size and hostility; every draw is seeded from <see cref="Seed"/>.</summary>
public sealed record ReplayOptions
{
    public int Customers { get; init; } = 60;

    public int BusinessDays { get; init; } = 60;

    public int Seed { get; init; } = 1;

    public int Shards { get; init; } = 4;

    /// <summary>Chance that a handler call (a delivery, a request) crashes at one of its writes (before or after it lands).</summary>
    public double CrashRate { get; init; } = 0.25;

    /// <summary>Chance that a queue message is delivered two or three times in a row.</summary>
    public double RepeatRate { get; init; } = 0.25;

    /// <summary>Chance that a queue message is delivered eight times at once.</summary>
    public double BurstRate { get; init; } = 0.05;

    /// <summary>Chance that ACS answers a send with 429, 503 or 500.</summary>
    public double AcsFaultRate { get; init; } = 0.1;

    /// <summary>Chance that a webhook is posted again (the processor retrying).</summary>
    public double WebhookRepeatRate { get; init; } = 0.3;

    /// <summary>Chance that a payment of one invoice comes from Stripe as a pair of events (payment intent and invoice).</summary>
    public double StripePairRate { get; init; } = 0.3;

    /// <summary>Chance that, on a day, a payment arrives for an invoice not imported yet (it is parked, then the invoice is imported and a lead applies it).</summary>
    public double EarlyPaymentRate { get; init; } = 0.4;

    /// <summary>Chance that a payment pays only half of each invoice (so a payment applied twice shows on the balance).</summary>
    public double PartialPaymentRate { get; init; } = 0.3;

    /// <summary>Open tasks a collector works each day (an outcome each).</summary>
    public int OutcomesPerDay { get; init; } = 6;

    public DateOnly Start { get; init; } = new(2026, 9, 1);

    public required string PolicyPath { get; init; }

    public required string ConnectionString { get; init; }

    public int Concurrency { get; init; } = 8;

    /// <summary>Where the replay says what it is doing (a line per stage of a day); null for quiet.</summary>
    public Action<string>? Progress { get; init; }
}

/// <summary>What the replay did and what it found; every duplicate count must be 0.</summary>
public sealed record ReplayReport(
    int Days,
    int Deliveries,
    int RepeatedMessages,
    int BurstMessages,
    IReadOnlyDictionary<string, int> CrashesByPoint,
    IReadOnlyDictionary<string, int> WritesByPoint,
    IReadOnlyDictionary<string, int> AcsFaults,
    int AcsRepeatabilityAbsorbed,
    int AcsPolls,
    int EmailsDelivered,
    int DuplicateEmailsPerAction,
    int DuplicateEmailsPerRecipient,
    int Tasks,
    int DuplicateTasks,
    int StepsFiredTwice,
    int WebhooksPosted,
    int PaymentsAccepted,
    int PaymentsBeforeInvoice,
    int BalancesWrong,
    IReadOnlyList<string> BalanceErrors,
    int Outcomes,
    int OutcomePairs,
    int OutcomePairsWithBothEffects,
    IReadOnlyList<string> TransientActions,
    IReadOnlyList<PoisonedMessage> Poisoned)
{
    public int CrashesInjected => CrashesByPoint.Values.Sum();

    /// <summary>Write points where a crash landed, before or after.</summary>
    public int PointsHit => CrashesByPoint.Keys.Select(k => k[..k.LastIndexOf(' ')]).Distinct(StringComparer.Ordinal).Count();

    /// <summary>Write points crashed at both before and after the write.</summary>
    public int PointsHitBothSides => CrashesByPoint.Keys.GroupBy(k => k[..k.LastIndexOf(' ')], StringComparer.Ordinal).Count(g => g.Count() == 2);

    /// <summary>Write points never crashed at (a longer replay reaches them).</summary>
    public IEnumerable<string> PointsMissed => WritesByPoint.Keys.Except(CrashesByPoint.Keys.Select(k => k[..k.LastIndexOf(' ')]), StringComparer.Ordinal).Order(StringComparer.Ordinal);

    public bool Holds => DuplicateEmailsPerAction == 0 && DuplicateEmailsPerRecipient == 0 && DuplicateTasks == 0 && StepsFiredTwice == 0
        && BalancesWrong == 0 && OutcomePairsWithBothEffects == 0 && TransientActions.Count == 0 && Poisoned.All(p => p.Reason.Length > 0);

    public string Format()
    {
        var lines = new List<string>
        {
            $"days {Days}, deliveries {Deliveries} (repeated messages {RepeatedMessages}, bursts of {ArFunctions.FaultReplay.Deliveries.Burst} {BurstMessages})",
            $"crashes injected {CrashesInjected} at {PointsHit} of {WritesByPoint.Count} write points, {PointsHitBothSides} of them both before and after ({WritesByPoint.Values.Sum()} writes)",
            $"ACS faults {string.Join(", ", AcsFaults.OrderBy(f => f.Key).Select(f => $"{f.Key}: {f.Value}"))}; repeatability absorbed {AcsRepeatabilityAbsorbed}; operation polls {AcsPolls}",
            $"emails delivered {EmailsDelivered}, duplicates per action {DuplicateEmailsPerAction}, per recipient {DuplicateEmailsPerRecipient}",
            $"tasks {Tasks}, duplicate tasks {DuplicateTasks}, ledger steps fired twice {StepsFiredTwice}",
            $"webhooks posted {WebhooksPosted}, payments accepted {PaymentsAccepted} ({PaymentsBeforeInvoice} before their invoice existed: parked, then applied by a lead), balances wrong {BalancesWrong}",
            $"outcomes {Outcomes}, concurrent promise+dispute pairs {OutcomePairs}, pairs with both effects {OutcomePairsWithBothEffects}",
            $"actions left in a transient status {TransientActions.Count}, poison messages {Poisoned.Count} (unexplained {Poisoned.Count(p => p.Reason.Length == 0)})",
        };
        lines.AddRange(CrashesByPoint.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"  crash {p.Key}: {p.Value}"));
        lines.AddRange(PointsMissed.Select(p => $"  never crashed: {p} ({WritesByPoint[p]} writes)"));
        lines.AddRange(Poisoned.Take(20).Select(p => $"  poison {p.Queue}: {p.Reason}"));
        lines.AddRange(BalanceErrors.Take(20).Select(e => "  balance " + e));
        lines.AddRange(TransientActions.Take(20).Select(a => "  transient " + a));
        return string.Join(Environment.NewLine, lines);
    }
}

/// <summary>
/// The proof of once-only: business days of the whole loop on Azurite (the daily run, emails through a simulated ACS,
/// collector tasks, collectors' outcomes, payment webhooks) with crashes injected at the handlers' storage writes,
/// messages delivered again and at once, ACS throttling and failing, webhooks repeated and reordered. Afterwards it
/// counts what must never happen: an email sent twice, a task created twice, a step fired twice, a payment applied
/// twice or lost, a promise and a dispute both landing from one task, an action stuck mid-way, a poison message
/// without a reason.
/// </summary>
public static class OnceOnlyReplay
{
    private static readonly Caller Lead = Caller.Person("00000000-0000-0000-0000-00000000feed", "replay-lead@ar.example.com", "aad", [Role.Lead]);

    public static async Task<ReplayReport> RunAsync(ReplayOptions options, CancellationToken cancellationToken)
    {
        var random = new Random(options.Seed);
        var prefix = "r" + Guid.NewGuid().ToString("N")[..10];
        var faults = new StorageFaults(options.Seed + 1, prefix, prefix + "-");
        var deliveries = new Deliveries(faults, options.Seed + 2, options.RepeatRate, options.BurstRate);
        await using var acs = await SimulatedAcs.StartAsync(options.Seed + 3, options.AcsFaultRate).ConfigureAwait(false);
        var zone = TimeZoneInfo.Utc;
        var clock = new DemoClock(new DateTimeOffset(options.Start.ToDateTime(new TimeOnly(5, 0)), TimeSpan.Zero), zone);
        await using var pipeline = await LocalPipeline.StartAsync(
            options.ConnectionString, options.Shards, options.PolicyPath, prefix, services => Wire(services, options, faults, acs, clock),
            prefix + "-", Settings()).ConfigureAwait(false);

        var portfolio = PortfolioGenerator.Generate(new PortfolioOptions { Customers = options.Customers, AsOf = options.Start, Seed = options.Seed });
        await pipeline.SeedAsync(portfolio.Customers, portfolio.Invoices, portfolio.Payments, portfolio.Interactions, cancellationToken).ConfigureAwait(false);
        var expected = portfolio.Invoices.ToDictionary(i => i.Id.Value, i => i.OpenAmount, StringComparer.Ordinal);
        var payers = new SimulatedPayers(portfolio, options.Seed + 4);
        var storage = pipeline.Get<IOptions<StorageOptions>>().Value;
        deliveries.BetweenBatches = pipeline.Get<CompressedTime>().CatchUp;
        deliveries.Progress = options.Progress;
        QueueClient Queue(string name) => pipeline.Get<QueueServiceClient>().GetQueueClient(storage.QueueName(name));

        var webhooks = 0;
        var accepted = 0;
        var early = 0;
        var outcomes = 0;
        var pairs = 0;
        var bothEffects = 0;
        var days = 0;
        faults.CrashRate = options.CrashRate;
        for (var day = options.Start; days < options.BusinessDays; day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }

            days++;
            clock.Set(day, new TimeOnly(5, 0));
            StorageFaults.Leave();
            await pipeline.Get<StartDailyRun>().StartAsync(day, cancellationToken).ConfigureAwait(false);
            var process = pipeline.Get<ProcessShard>();
            await deliveries.DrainAsync<ProcessShardMessage>(Queue(QueueNames.Shards), "ProcessShard", async (m, t) =>
            {
                await process.ProcessAsync(m, t).ConfigureAwait(false);
                return DeliveryOutcome.Done;
            }, 2, cancellationToken).ConfigureAwait(false);

            options.Progress?.Invoke($"{day:yyyy-MM-dd} shards done ({deliveries.Count} deliveries)");
            clock.Set(day, new TimeOnly(8, 0));
            var send = pipeline.Get<SendEmail>();
            await deliveries.DrainAsync<ActionMessage>(Queue(QueueNames.Emails), "SendEmail", async (m, t) =>
                DeliveryOutcome.Of(await send.HandleAsync(m, t).ConfigureAwait(false)), options.Concurrency, cancellationToken).ConfigureAwait(false);

            options.Progress?.Invoke($"{day:yyyy-MM-dd} emails done ({deliveries.Count} deliveries)");
            var create = pipeline.Get<CreateCallTask>();
            await deliveries.DrainAsync<ActionMessage>(Queue(QueueNames.Tasks), "CreateCallTask", async (m, t) =>
                DeliveryOutcome.Of(await create.HandleAsync(m, t).ConfigureAwait(false)), options.Concurrency, cancellationToken).ConfigureAwait(false);

            options.Progress?.Invoke($"{day:yyyy-MM-dd} tasks done ({deliveries.Count} deliveries)");
            clock.Set(day, new TimeOnly(11, 0));
            var worked = await WorkTasksAsync(pipeline, deliveries, random, options.OutcomesPerDay, day, cancellationToken).ConfigureAwait(false);
            outcomes += worked.Outcomes;
            pairs += worked.Pairs;
            bothEffects += worked.BothEffects;

            options.Progress?.Invoke($"{day:yyyy-MM-dd} outcomes done ({deliveries.Count} deliveries)");
            clock.Set(day, new TimeOnly(14, 0));
            var posted = await PostPaymentsAsync(portfolio, pipeline, deliveries, payers, random, options, day, clock.GetUtcNow(), expected, cancellationToken).ConfigureAwait(false);
            webhooks += posted.Posted;
            accepted += posted.Accepted;
            var apply = pipeline.Get<ApplyPaymentEvent>();
            await deliveries.DrainAsync<PaymentEventMessage>(Queue(QueueNames.Payments), "ApplyPayment", async (m, t) =>
                DeliveryOutcome.Of(await apply.HandleAsync(m, t).ConfigureAwait(false), m), options.Concurrency, cancellationToken).ConfigureAwait(false);
            if (posted.Early is { } invoice)
            {
                early += await ImportAndResolveAsync(pipeline, deliveries, random, invoice, cancellationToken).ConfigureAwait(false);
            }
        }

        faults.CrashRate = 0;
        var delivered = acs.Delivered.ToArray();
        var (tasks, duplicateTasks) = await TasksAsync(pipeline, prefix, cancellationToken).ConfigureAwait(false);
        var actions = await ActionsAsync(pipeline, prefix, cancellationToken).ConfigureAwait(false);
        var balanceErrors = await BalanceErrorsAsync(pipeline, expected, cancellationToken).ConfigureAwait(false);
        return new ReplayReport(
            days, deliveries.Count, deliveries.Repeated, deliveries.Bursts,
            new Dictionary<string, int>(faults.Injected), new Dictionary<string, int>(faults.Writes), new Dictionary<string, int>(acs.Faults),
            acs.RepeatabilityAbsorbed, acs.Polls, delivered.Length,
            delivered.GroupBy(e => e.OperationId).Sum(g => g.Count() - 1),
            DuplicatesPerRecipient(delivered, actions.StepsByOperation),
            tasks, duplicateTasks, actions.StepsFiredTwice, webhooks, accepted, early, balanceErrors.Count, balanceErrors, outcomes, pairs, bothEffects, actions.Transient,
            [.. deliveries.Poisoned]);
    }

    private static void Wire(IServiceCollection services, ReplayOptions options, StorageFaults faults, SimulatedAcs acs, DemoClock clock)
    {
        services.AddArFunctionsEmail();
        services.PostConfigure<EmailOptions>(o =>
        {
            o.Mode = EmailMode.Acs;
            o.ConnectionString = acs.ConnectionString;
            o.SenderAddress = "DoNotReply@replay.example";
            o.SenderName = "Replay AR";
            o.RemitTo = "Replay Receivables|PO Box 1";
            o.PaymentInstructions = "Bank transfer; quote the invoice number.";
            o.SendsPerMinute = 10_000;
            o.MaxRetries = 0;
            o.RetryDelay = TimeSpan.FromMilliseconds(10);
            o.MaxPollDelay = TimeSpan.FromMilliseconds(20);
            o.MaxPollDuration = TimeSpan.FromSeconds(5);
        });
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<Storage.DailyRuns.QueueMessages>();
        services.AddSingleton(sp => new CompressedTime(sp.GetRequiredService<Storage.DailyRuns.QueueMessages>(), clock));
        services.AddSingleton<IMessageQueue>(sp => sp.GetRequiredService<CompressedTime>());
        services.AddSingleton(sp =>
        {
            var tableOptions = new TableClientOptions();
            tableOptions.AddPolicy(faults, HttpPipelinePosition.PerCall);
            return new TableServiceClient(options.ConnectionString, tableOptions);
        });
        services.AddSingleton(sp =>
        {
            var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
            queueOptions.AddPolicy(faults, HttpPipelinePosition.PerCall);
            return new QueueServiceClient(options.ConnectionString, queueOptions);
        });
    }

    private static Dictionary<string, string?> Settings() => new()
    {
        ["ArFunctions:DailyRun:BusinessTimeZone"] = "UTC",
        ["ArFunctions:Webhooks:Secrets:" + PaymentWebhooks.Source] = PaymentWebhooks.DemoSecret,
        ["ArFunctions:Webhooks:Secrets:" + WebhookOptions.StripeSource] = StripePairs.Secret,
    };

    /// <summary>
    /// A lead works the open tasks of the day: most get one outcome (promise, dispute, reached, no answer); some get a
    /// promise and a dispute at the same moment (two people on one task), of which at most one may take effect.
    /// </summary>
    private static async Task<(int Outcomes, int Pairs, int BothEffects)> WorkTasksAsync(
        LocalPipeline pipeline, Deliveries deliveries, Random random, int perDay, DateOnly day, CancellationToken cancellationToken)
    {
        var store = pipeline.Get<ITaskStore>();
        var policy = pipeline.Get<IPolicySource>().Current;
        var open = new List<CollectorTask>();
        foreach (var collector in policy.Worklist.Collectors)
        {
            open.AddRange(await store.GetOpenByAssigneeAsync(collector.Id, cancellationToken).ConfigureAwait(false));
        }

        var record = pipeline.Get<RecordTaskOutcome>();
        var category = policy.DisputeCategories[0].Id;
        var (outcomes, pairs, both) = (0, 0, 0);
        foreach (var task in open.OrderBy(t => t.TaskId, StringComparer.Ordinal).Where(t => t.Kind is TaskKind.Call).Take(perDay))
        {
            var promise = new TaskOutcomeInput("promise", "replay", new PromiseInput(day.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), task.Amounts.Count == 1 ? task.Amounts[0].Amount : 1m, task.Amounts.Count == 1 ? null : task.Amounts[0].Currency));
            var dispute = new TaskOutcomeInput("dispute", "replay", Dispute: new DisputeInput(category, "replay dispute"));
            var roll = random.NextDouble();
            if (roll < 0.2)
            {
                pairs++;
                outcomes += 2;
                await Task.WhenAll(
                    Task.Run(() => deliveries.RetryAsync("RecordTaskOutcome", () => record.RecordAsync(task.TaskId, promise, Lead, cancellationToken)), cancellationToken),
                    Task.Run(() => deliveries.RetryAsync("RecordTaskOutcome", () => record.RecordAsync(task.TaskId, dispute, Lead, cancellationToken)), cancellationToken)).ConfigureAwait(false);
                var invoices = await pipeline.Get<ITaskAccountStore>().GetInvoicesAsync(new CustomerId(task.CustomerId), cancellationToken).ConfigureAwait(false);
                var named = task.Invoices.ToHashSet(StringComparer.Ordinal);
                var mine = invoices.Where(i => named.Contains(i.Id.Value)).ToArray();
                if (mine.Any(i => i.Promise?.MadeOn == day && i.Promise.RecordedBy == Lead.AuditName) && mine.Any(i => i.Dispute?.Opened == day && i.Dispute.OpenedBy == Lead.AuditName))
                {
                    both++;
                }

                continue;
            }

            outcomes++;
            var input = roll < 0.45 ? promise : roll < 0.6 ? dispute : new TaskOutcomeInput(roll < 0.8 ? "reached" : "no-answer");
            await deliveries.RetryAsync("RecordTaskOutcome", () => record.RecordAsync(task.TaskId, input, Lead, cancellationToken)).ConfigureAwait(false);
        }

        return (outcomes, pairs, both);
    }

    /// <summary>
    /// The day's payments as signed webhooks: some pay half of each invoice, some are posted again, some of one invoice
    /// come from Stripe as two events, all in shuffled order. <paramref name="expected"/> takes each distinct payment off
    /// its invoices once, whichever of its events was accepted. Some days a payment comes for an invoice the ERP has not
    /// exported yet (<see cref="ReplayOptions.EarlyPaymentRate"/>): that invoice is returned, to be imported and resolved
    /// once the day's payments are applied.
    /// </summary>
    private static async Task<(int Posted, int Accepted, Invoice? Early)> PostPaymentsAsync(
        Portfolio portfolio, LocalPipeline pipeline, Deliveries deliveries, SimulatedPayers payers, Random random, ReplayOptions options, DateOnly day, DateTimeOffset now,
        Dictionary<string, decimal> expected, CancellationToken cancellationToken)
    {
        var requests = new List<(WebhookRequest Request, string Payment, IReadOnlyList<(string Invoice, decimal Amount)> Allocations)>();
        var payments = payers.PayOn(day);
        var early = random.NextDouble() < options.EarlyPaymentRate ? EarlyInvoice(portfolio, payments, random, day) : null;
        if (early is not null)
        {
            expected[early.Id.Value] = early.Amount;
            payments = [.. payments, new CustomerPayment(portfolio.Customers.First(c => c.Id == early.CustomerId), [early], PaymentMethod.Ach)];
        }

        foreach (var payment in payments)
        {
            var partial = random.NextDouble() < options.PartialPaymentRate;
            var invoices = payment.Invoices.Select(i => expected.TryGetValue(i.Id.Value, out var open) ? i with { OpenAmount = partial ? Math.Round(open / 2m, 2) : open } : i)
                .Where(i => i.OpenAmount > 0m).ToArray();
            if (invoices.Length == 0)
            {
                continue;
            }

            if (invoices.Length == 1 && random.NextDouble() < options.StripePairRate)
            {
                var one = invoices[0];
                var key = $"{one.Id.Value}-{day:yyyyMMdd}".Replace("-", "", StringComparison.Ordinal);
                foreach (var request in StripePairs.Build(key, one.Id.Value, one.OpenAmount, one.Currency.Value, now, currentShape: random.Next(2) == 0))
                {
                    requests.Add((request, "stripe:" + key, [(one.Id.Value, one.OpenAmount)]));
                }

                continue;
            }

            foreach (var (request, chunk) in PaymentWebhooks.Build(payment with { Invoices = invoices }, day, now, PaymentWebhooks.DemoSecret).Zip(invoices.Chunk(PaymentWebhooks.MaxAllocations)))
            {
                var allocations = chunk.Select(i => (i.Id.Value, i.OpenAmount)).ToArray();
                var id = StripePairs.EventIdOf(request);
                requests.Add((request, id, allocations));
                if (random.NextDouble() < options.WebhookRepeatRate)
                {
                    requests.Add((request, id, allocations));
                }
            }
        }

        var receive = pipeline.Get<ReceiveWebhook>();
        var applied = new HashSet<string>(StringComparer.Ordinal);
        var accepted = 0;
        foreach (var (request, payment, allocations) in requests.OrderBy(_ => random.Next()))
        {
            var result = await deliveries.RetryAsync("ReceiveWebhook", () => receive.ReceiveAsync(request.Source, request.Headers, request.Body, cancellationToken)).ConfigureAwait(false);
            if (result is ReceiveResult.Unauthorized or ReceiveResult.Invalid or ReceiveResult.UnknownSource)
            {
                throw new InvalidOperationException($"The replay's {request.Source} webhook was refused: {result}");
            }

            if (result is ReceiveResult.Accepted or ReceiveResult.Duplicate && applied.Add(payment))
            {
                accepted++;
                foreach (var (invoice, amount) in allocations)
                {
                    expected[invoice] = Math.Max(0m, expected[invoice] - amount);
                }
            }
        }

        return (requests.Count, accepted, early);
    }

    /// <summary>A new invoice of a customer who pays nothing else today (payment ids are per customer and day), not stored yet.</summary>
    private static Invoice? EarlyInvoice(Portfolio portfolio, IReadOnlyList<CustomerPayment> payments, Random random, DateOnly day)
    {
        var paying = payments.Select(p => p.Customer.Id).ToHashSet();
        var idle = portfolio.Customers.Where(c => !paying.Contains(c.Id)).ToArray();
        if (idle.Length == 0)
        {
            return null;
        }

        var customer = idle[random.Next(idle.Length)];
        var amount = random.Next(100, 5_000) + 0.25m;
        return new Invoice
        {
            Id = new InvoiceId($"EARLY-{day:yyyyMMdd}"),
            CustomerId = customer.Id,
            IssueDate = day,
            DueDate = day.AddDays(30),
            Amount = amount,
            OpenAmount = amount,
            Currency = portfolio.Invoices.FirstOrDefault(i => i.CustomerId == customer.Id)?.Currency ?? new CurrencyCode("USD"),
        };
    }

    /// <summary>
    /// The ERP's export brings the invoice a payment named before it existed; a lead applies each parked part of that
    /// payment to it (sometimes two leads at once). Returns how many parked rows there were.
    /// </summary>
    private static async Task<int> ImportAndResolveAsync(LocalPipeline pipeline, Deliveries deliveries, Random random, Invoice invoice, CancellationToken cancellationToken)
    {
        await pipeline.SeedAsync([], [invoice], [], [], cancellationToken).ConfigureAwait(false);
        var unmatched = pipeline.Get<UnmatchedPayments>();
        var parked = (await unmatched.ListAsync(cancellationToken).ConfigureAwait(false)).Where(u => u.InvoiceRef == invoice.Id.Value).ToArray();
        foreach (var row in parked)
        {
            Task<ResolveResult?> Resolve() => deliveries.RetryAsync("ResolveUnmatched", () => unmatched.ResolveAsync(row.UnmatchedId, invoice.Id.Value, Lead, cancellationToken));
            if (random.NextDouble() < 0.3)
            {
                await Task.WhenAll(Task.Run(Resolve, cancellationToken), Task.Run(Resolve, cancellationToken)).ConfigureAwait(false);
            }
            else
            {
                await Resolve().ConfigureAwait(false);
            }
        }

        return parked.Length;
    }

    /// <summary>Tasks stored, and how many carry an action another task carries too (a task created twice).</summary>
    private static async Task<(int Tasks, int Duplicates)> TasksAsync(LocalPipeline pipeline, string prefix, CancellationToken cancellationToken)
    {
        var table = pipeline.Get<TableServiceClient>().GetTableClient(prefix + StorageTables.CallTasks);
        var store = pipeline.Get<ITaskStore>();
        var byAction = new Dictionary<string, int>(StringComparer.Ordinal);
        var tasks = 0;
        await foreach (var entity in table.QueryAsync<TableEntity>("RowKey ge 't' and RowKey lt 'u'", cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (!entity.ContainsKey("state"))
            {
                continue;
            }

            var task = await store.GetAsync(CompositeKey.Split(entity.RowKey, 2)[1], cancellationToken).ConfigureAwait(false);
            if (task is null)
            {
                continue;
            }

            tasks++;
            foreach (var action in task.Actions)
            {
                byAction[action] = byAction.GetValueOrDefault(action) + 1;
            }
        }

        return (tasks, byAction.Values.Sum(n => n - 1));
    }

    /// <summary>What the stored actions say: invoice-steps carried out by two actions, actions left in a status that is not final, and the invoice-steps each email operation carried.</summary>
    private sealed record ActionsFound(int StepsFiredTwice, IReadOnlyList<string> Transient, IReadOnlyDictionary<string, string[]> StepsByOperation);

    private static async Task<ActionsFound> ActionsAsync(LocalPipeline pipeline, string prefix, CancellationToken cancellationToken)
    {
        var table = pipeline.Get<TableServiceClient>().GetTableClient(prefix + StorageTables.Actions);
        var fired = new Dictionary<string, int>(StringComparer.Ordinal);
        var byOperation = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var transient = new List<string>();
        await foreach (var entity in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (!KebabName<ActionStatus>.TryParse(entity.GetString("status"), out var status))
            {
                continue;
            }

            if (!ActionStatusOrder.IsFinal(status))
            {
                transient.Add($"{entity.RowKey} {KebabName<ActionStatus>.Format(status)} ({entity.GetString("kind")})");
            }

            var invoices = System.Text.Json.JsonSerializer.Deserialize<string[]>(entity.GetString("invoices") ?? "[]") ?? [];
            var steps = System.Text.Json.JsonSerializer.Deserialize<string[]>(entity.GetString("steps") ?? "[]") ?? [];
            var keys = invoices.SelectMany(i => steps.Select(step => i + "|" + step)).ToArray();
            byOperation[OperationIds.ForAction(entity.RowKey).ToString("D")] = keys;
            if (status is ActionStatus.Skipped)
            {
                continue;
            }

            foreach (var key in keys)
            {
                fired[key] = fired.GetValueOrDefault(key) + 1;
            }
        }

        return new ActionsFound(fired.Values.Sum(n => n - 1), transient, byOperation);
    }

    /// <summary>
    /// Emails that reached one recipient for an invoice-step another email to them carried already: a customer contacted
    /// twice for one step (two emails on different days are not duplicates; the same step twice is).
    /// </summary>
    private static int DuplicatesPerRecipient(IEnumerable<AcceptedEmail> delivered, IReadOnlyDictionary<string, string[]> stepsByOperation) =>
        delivered
            .SelectMany(e => stepsByOperation.TryGetValue(e.OperationId, out var steps) ? steps.Select(step => (e.Recipient, Step: step)) : [(e.Recipient, Step: "operation " + e.OperationId)])
            .GroupBy(k => k)
            .Sum(g => g.Count() - 1);

    private static async Task<List<string>> BalanceErrorsAsync(LocalPipeline pipeline, Dictionary<string, decimal> expected, CancellationToken cancellationToken)
    {
        var ledger = pipeline.Get<IReceivablesLedger>();
        var errors = new List<string>();
        foreach (var (invoiceId, open) in expected.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var stored = await ledger.FindInvoiceAsync(new InvoiceId(invoiceId), cancellationToken).ConfigureAwait(false);
            if (stored is null || stored.OpenAmount != open)
            {
                errors.Add($"{invoiceId}: stored {stored?.OpenAmount.ToString(CultureInfo.InvariantCulture) ?? "none"}, expected {open.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        return errors;
    }
}
