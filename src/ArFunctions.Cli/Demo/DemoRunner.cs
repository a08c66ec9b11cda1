using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Ports;
using ArFunctions.Application.Webhooks;
using ArFunctions.Cli.Actions;
using ArFunctions.Domain.Common;
using ArFunctions.Local;
using ArFunctions.Samples.Simulation;
using ArFunctions.Storage.DailyRuns;

namespace ArFunctions.Cli.Demo;

/// <summary>
/// One demo day, in the order a deployment lives it: the daily run at 05:00 (StartDailyRun, then ProcessShard for each
/// shard message it queued), then the queued emails (SendEmail, pickup .eml files) and collector tasks (CreateCallTask)
/// as <c>arfn run --process</c> carries them out (<see cref="ActionDrain"/>),
/// then in the afternoon the customers' payments arrive as signed webhooks (ReceiveWebhook) and are applied from
/// ar-payments (ApplyPaymentEvent).
/// A customer who got an email may pay sooner (<see cref="SimulatedPayers.Remind"/>).
/// </summary>
internal sealed class DemoRunner(LocalPipeline pipeline, DemoClock clock, SimulatedPayers payers)
{
    private const int Concurrency = 8;

    public async Task<DemoDay> RunDayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        clock.Set(day, new TimeOnly(5, 0));
        var counts = (await RunAsync(day, cancellationToken)).Counts ?? RunCounts.Zero;
        var kpis = await pipeline.Get<TableRunResultStore>().GetKpisAsync(day, cancellationToken);
        var openBalance = kpis.TryGetValue(TableRunResultStore.OverallKey, out var overall) ? overall.Ar : 0m;

        var actions = await ActionDrain.RunAsync(pipeline, cancellationToken);

        // Sorted so that the payers draw their random numbers in the same order every time.
        foreach (var customerId in actions.EmailedCustomers.Order(StringComparer.Ordinal))
        {
            payers.Remind(new CustomerId(customerId), day);
        }

        clock.Set(day, new TimeOnly(14, 0));
        var (events, applied) = await ReceivePaymentsAsync(day, cancellationToken);
        return new DemoDay(day, counts.Customers, counts.StepsFired, actions.EmailsSent, actions.TasksCreated, events, applied, openBalance);
    }

    /// <summary>Starts the day's run and processes the shard messages it queued, as the host's ProcessShard function would.</summary>
    private async Task<RunRecord> RunAsync(DateOnly day, CancellationToken cancellationToken)
    {
        await pipeline.Get<StartDailyRun>().StartAsync(day, cancellationToken);
        await pipeline.DrainAsync<ProcessShardMessage>(QueueNames.Shards, pipeline.Get<ProcessShard>().ProcessAsync, 4, cancellationToken);
        var run = await pipeline.Get<IRunStore>().GetAsync(day, cancellationToken);
        return run is { Status: RunStatus.Completed } ? run : throw new InvalidOperationException($"The run of {day:yyyy-MM-dd} did not complete.");
    }

    private async Task<(int Events, int Applied)> ReceivePaymentsAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var receive = pipeline.Get<ReceiveWebhook>();
        var events = 0;
        foreach (var payment in payers.PayOn(day))
        {
            foreach (var request in PaymentWebhooks.Build(payment, day, clock.GetUtcNow(), PaymentWebhooks.DemoSecret))
            {
                var result = await receive.ReceiveAsync(request.Source, request.Headers, request.Body, cancellationToken);
                events += result is ReceiveResult.Accepted ? 1 : 0;
                if (result is ReceiveResult.Unauthorized or ReceiveResult.Invalid or ReceiveResult.UnknownSource)
                {
                    throw new InvalidOperationException($"The demo's payment webhook was refused: {result}");
                }
            }
        }

        var applied = 0;
        var apply = pipeline.Get<ApplyPaymentEvent>();
        await pipeline.DrainAsync<PaymentEventMessage>(QueueNames.Payments, async (message, token) =>
        {
            if (await apply.HandleAsync(message, token) == ApplyOutcome.Applied)
            {
                Interlocked.Increment(ref applied);
            }
        }, Concurrency, cancellationToken);
        return (events, applied);
    }
}
