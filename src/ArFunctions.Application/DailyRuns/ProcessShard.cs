using ArFunctions.Application.Ports;
using ArFunctions.Domain.Decisions;
using ArFunctions.Domain.Engine;
using ArFunctions.Domain.Kpis;
using ArFunctions.Domain.Policies;
using ArFunctions.Domain.Worklist;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArFunctions.Application.DailyRuns;

public enum ShardOutcome
{
    Processed,
    AlreadyDone,

    /// <summary>No run was opened for the message's date: the message can never succeed.</summary>
    UnknownRun,

    /// <summary>The shard number is outside the run's shards: the message can never succeed.</summary>
    UnknownShard,
}

/// <summary>
/// Processes one shard of a run: reads its customers, runs the engine, persists the decisions in checkpointed
/// groups (see <see cref="ShardWriter"/>), queues the actions, hands a summary to the finaliser and, when it is the
/// last shard to finish, finalises the run. A retried or resumed shard executes no step twice. A customer whose data
/// the engine cannot work with is left out and recorded as a data problem of the run; the shard completes for the others.
/// </summary>
public sealed partial class ProcessShard(
    IRunStore runs,
    IShardStore shards,
    IMessageQueue queue,
    IDecisionLog decisions,
    IPolicySource policies,
    FinalizeRun finalizer,
    TimeProvider time,
    IOptions<DailyRunOptions> options,
    ILogger<ProcessShard> logger)
{
    private readonly ShardWriter _writer = new(shards, queue, decisions);

    public async Task<ShardOutcome> ProcessAsync(ProcessShardMessage message, CancellationToken cancellationToken)
    {
        var (asOf, shard) = (message.AsOf, message.Shard);
        var run = await runs.GetAsync(asOf, cancellationToken).ConfigureAwait(false);
        if (run is null)
        {
            return ShardOutcome.UnknownRun;
        }

        if (shard < 0 || shard >= run.ShardCount)
        {
            return ShardOutcome.UnknownShard;
        }

        var progress = await runs.GetShardAsync(asOf, shard, cancellationToken).ConfigureAwait(false)
            ?? new ShardProgress(asOf, shard, ShardStatus.Running, null, RunCounts.Zero);
        if (progress.Status == ShardStatus.Done)
        {
            await finalizer.FinalizeIfCompleteAsync(asOf, cancellationToken).ConfigureAwait(false);
            return ShardOutcome.AlreadyDone;
        }

        var started = time.GetTimestamp();
        var policy = await policies.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        var snapshot = await shards.ReadAsync(shard, asOf, cancellationToken).ConfigureAwait(false);
        var (customers, problems) = ShardEvaluation.Evaluate(snapshot, policy, asOf);
        if (progress.Checkpoint is not null)
        {
            LogResuming(asOf, shard, progress.Checkpoint);
        }

        progress = await WriteAsync(progress, customers, cancellationToken).ConfigureAwait(false);
        await QueueLeftoversAsync(shard, asOf, cancellationToken).ConfigureAwait(false);
        if (snapshot.Archive is { Rows: > 0 } archive)
        {
            // After the day's writes: a ledger row moves only once no attempt of this run can still need it.
            LogArchived(asOf, shard, await archive.MoveAsync(cancellationToken).ConfigureAwait(false), archive.Rows);
        }

        await runs.SaveSummaryAsync(asOf, Summarize(shard, customers, policy, asOf), cancellationToken).ConfigureAwait(false);
        var skipped = await RecordProblemsAsync(asOf, shard, problems, cancellationToken).ConfigureAwait(false);
        var counts = progress.Counts with { Seconds = progress.Counts.Seconds + time.GetElapsedTime(started).TotalSeconds, CustomersSkipped = skipped };
        await runs.SaveShardAsync(progress with { Status = ShardStatus.Done, Counts = counts }, cancellationToken).ConfigureAwait(false);
        LogProcessed(asOf, shard, counts.Customers, counts.StepsFired, counts.Seconds);
        await finalizer.FinalizeIfCompleteAsync(asOf, cancellationToken).ConfigureAwait(false);
        return ShardOutcome.Processed;
    }

    private async Task<ShardProgress> WriteAsync(ShardProgress progress, EvaluatedCustomer[] customers, CancellationToken cancellationToken)
    {
        var every = options.Value.CheckpointEvery;
        var pending = customers.Where(c => progress.Checkpoint is null || string.CompareOrdinal(c.Id, progress.Checkpoint) > 0).ToArray();
        for (var start = 0; start < pending.Length; start += every)
        {
            var group = pending.AsSpan(start, Math.Min(every, pending.Length - start)).ToArray();
            await _writer.WriteAsync(progress.Shard, progress.AsOf, group, cancellationToken).ConfigureAwait(false);
            // Counts grow with each checkpoint, so a resumed shard still reports what its first attempt did.
            var written = ShardEvaluation.Count(group);
            progress = progress with { Checkpoint = group[^1].Id, Counts = progress.Counts.Add(written) };
            Telemetry.ArFunctionsMetrics.StepsPlanned.Add(written.StepsFired);
            await runs.SaveShardAsync(progress, cancellationToken).ConfigureAwait(false);
        }

        return progress;
    }

    /// <summary>Stores the shard's data problems on the run and in the decision log, and returns how many customers they left out.</summary>
    private async Task<int> RecordProblemsAsync(DateOnly asOf, int shard, DataProblem[] problems, CancellationToken cancellationToken)
    {
        await runs.SaveProblemsAsync(asOf, shard, problems, cancellationToken).ConfigureAwait(false);
        await decisions.AddAsync(shard, problems.GroupBy(p => p.CustomerId).Select(g => DayDecision.LeftOut(g.Key, asOf, g)).ToArray(), cancellationToken).ConfigureAwait(false);
        var customers = problems.Select(p => p.CustomerId).Distinct().ToArray();
        foreach (var customer in customers)
        {
            LogSkipped(asOf, shard, customer.Value, problems.First(p => p.CustomerId == customer).Reason);
        }

        return customers.Length;
    }

    /// <summary>Actions an interrupted attempt stored but did not queue, whose steps the ledger now holds.</summary>
    private async Task QueueLeftoversAsync(int shard, DateOnly asOf, CancellationToken cancellationToken)
    {
        var leftovers = await shards.GetUnqueuedActionsAsync(shard, asOf, cancellationToken).ConfigureAwait(false);
        foreach (var message in leftovers)
        {
            await queue.SendAsync(QueueNames.Of(message), message, cancellationToken).ConfigureAwait(false);
        }

        if (leftovers.Count > 0)
        {
            await shards.SetActionStatusAsync(shard, leftovers.Select(m => m.ActionId).ToArray(), ActionStatus.Queued, cancellationToken).ConfigureAwait(false);
            LogLeftovers(asOf, shard, leftovers.Count);
        }
    }

    private ShardSummary Summarize(int shard, EvaluatedCustomer[] customers, CollectionPolicy policy, DateOnly asOf)
    {
        var balances = new List<CustomerBalance>(customers.Length);
        var candidates = new List<WorklistCandidate>();
        var segmentOf = new Dictionary<Domain.Common.CustomerId, string>(customers.Length);
        var invoices = new List<Domain.Invoices.Invoice>();
        var payments = new List<Domain.Invoices.Payment>();
        var credits = new List<Domain.Invoices.Credit>();
        foreach (var customer in customers)
        {
            var segmentId = customer.Decision.Segment.SegmentId;
            segmentOf[customer.Source.Customer.Id] = segmentId;
            invoices.AddRange(customer.Source.Invoices);
            payments.AddRange(customer.Source.Payments);
            credits.AddRange(customer.Source.Credits);
            if (customer.Features.OpenBalance > 0m)
            {
                balances.Add(new CustomerBalance(customer.Id, customer.Features.OpenBalance));
            }

            if (WorklistBuilder.IsEligible(customer.Features, policy.MinimumBalance))
            {
                candidates.Add(new WorklistCandidate(customer.Features, customer.Source.Customer.AssignedCollector, segmentId));
            }
        }

        var kpis = KpiCalculator.Totals(
            [.. invoices], [.. payments], id => segmentOf[id], policy.Currency, asOf.AddDays(-options.Value.KpiPeriodDays), asOf, [.. credits]);
        return new ShardSummary(shard, balances, candidates, kpis);
    }

    [LoggerMessage(LogLevel.Information, "Run {AsOf} shard {Shard}: resuming after customer {Checkpoint}")]
    private partial void LogResuming(DateOnly asOf, int shard, string checkpoint);

    [LoggerMessage(LogLevel.Warning, "Run {AsOf} shard {Shard}: customer {CustomerId} left out for a data problem: {Reason}")]
    private partial void LogSkipped(DateOnly asOf, int shard, string customerId, string reason);

    [LoggerMessage(LogLevel.Information, "Run {AsOf} shard {Shard}: queued {Count} actions left by an interrupted attempt")]
    private partial void LogLeftovers(DateOnly asOf, int shard, int count);

    [LoggerMessage(LogLevel.Information, "Run {AsOf} shard {Shard}: moved {Moved} of {Rows} rows of closed history to the archive tables")]
    private partial void LogArchived(DateOnly asOf, int shard, int moved, int rows);

    [LoggerMessage(LogLevel.Information, "Run {AsOf} shard {Shard}: {Customers} customers, {Steps} steps fired in {Seconds:0.00} s")]
    private partial void LogProcessed(DateOnly asOf, int shard, int customers, int steps, double seconds);
}
