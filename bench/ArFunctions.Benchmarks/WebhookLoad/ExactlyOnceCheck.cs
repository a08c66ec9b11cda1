using ArFunctions.Domain.Invoices;
using ArFunctions.Storage;
using ArFunctions.Storage.Stores;
using ArFunctions.Storage.Tables;
using Azure.Data.Tables;
using ArFunctions.Application.DailyRuns;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace ArFunctions.Benchmarks.WebhookLoad;

/// <summary>
/// After posting and applying: every distinct event was accepted exactly once (every other delivery a duplicate,
/// none failed), its WebhookEvents row is applied, each paid invoice's open amount is its original minus the sum of
/// its distinct payments (no payment lost or doubled), its Payments rows say the same, nothing became a credit or an
/// unmatched payment, and the payments queue and its poison queue are empty. Returns the failures (none = pass).
/// </summary>
internal static class ExactlyOnceCheck
{
    private const int ShownPerCheck = 5;

    public static async Task<IReadOnlyList<string>> RunAsync(LoadPlan plan, PostResult posted, IServiceProvider services, string connectionString, string queuePrefix)
    {
        var failures = new List<string>();
        CheckDeliveries(plan, posted, failures);
        var tables = services.GetRequiredService<StorageTables>();
        await CheckEventRowsAsync(plan, tables, failures).ConfigureAwait(false);
        await CheckInvoicesAsync(plan, services, failures).ConfigureAwait(false);
        await CheckPaymentRowsAsync(plan, services, failures).ConfigureAwait(false);
        await CheckEmptyAsync(tables.Get(StorageTables.Credits), "Credits", failures).ConfigureAwait(false);
        await CheckEmptyAsync(tables.Get(StorageTables.UnmatchedPayments), "UnmatchedPayments", failures).ConfigureAwait(false);
        foreach (var name in new[] { QueueNames.Payments, QueueNames.Payments + QueueNames.PoisonSuffix })
        {
            var queue = new QueueClient(connectionString, queuePrefix + name);
            var count = await queue.ExistsAsync().ConfigureAwait(false) ? (await queue.GetPropertiesAsync().ConfigureAwait(false)).Value.ApproximateMessagesCount : 0;
            Fail(failures, count != 0, $"queue {name} still holds {count} messages");
        }

        return failures;
    }

    private static void CheckDeliveries(LoadPlan plan, PostResult posted, List<string> failures)
    {
        var accepted = new int[plan.Events.Length];
        for (var i = 0; i < posted.Outcomes.Length; i++)
        {
            if (posted.Outcomes[i] == DeliveryOutcome.Accepted)
            {
                accepted[plan.Deliveries[i]]++;
            }
        }

        var failed = posted.Outcomes.Count(o => o == DeliveryOutcome.Failed);
        var duplicates = posted.Outcomes.Count(o => o == DeliveryOutcome.Duplicate);
        Fail(failures, failed > 0, $"{failed} deliveries failed");
        Fail(failures, duplicates != plan.Deliveries.Length - plan.Events.Length, $"{duplicates} duplicates answered, {plan.Deliveries.Length - plan.Events.Length} sent");
        var wrong = Enumerable.Range(0, accepted.Length).Where(e => accepted[e] != 1).ToList();
        Fail(failures, wrong.Count > 0, $"{wrong.Count} events not accepted exactly once, e.g. " + string.Join(", ", wrong.Take(ShownPerCheck).Select(e => $"{plan.Events[e].Id} x{accepted[e]}")));
    }

    private static async Task CheckEventRowsAsync(LoadPlan plan, StorageTables tables, List<string> failures)
    {
        var table = await tables.Get(StorageTables.WebhookEvents).GetAsync(CancellationToken.None).ConfigureAwait(false);
        var status = new Dictionary<string, string?>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {LoadApp.Source}"), select: ["RowKey", "status"]).ConfigureAwait(false))
        {
            status[row.RowKey] = row.GetString("status");
        }

        var missing = plan.Events.Where(e => !status.ContainsKey(e.Id)).Select(e => e.Id).ToList();
        var notApplied = status.Where(s => s.Value != "applied").Select(s => $"{s.Key} ({s.Value})").ToList();
        Fail(failures, missing.Count > 0, $"{missing.Count} events have no WebhookEvents row, e.g. " + string.Join(", ", missing.Take(ShownPerCheck)));
        Fail(failures, status.Count != plan.Events.Length, $"{status.Count} WebhookEvents rows for {plan.Events.Length} distinct events");
        Fail(failures, notApplied.Count > 0, $"{notApplied.Count} events not applied, e.g. " + string.Join(", ", notApplied.Take(ShownPerCheck)));
    }

    private static async Task CheckInvoicesAsync(LoadPlan plan, IServiceProvider services, List<string> failures)
    {
        var invoices = services.GetRequiredService<InvoiceStore>();
        var shards = services.GetRequiredService<Sharding>().ShardCount;
        var wrong = new List<string>();
        var seen = 0;
        for (var shard = 0; shard < shards; shard++)
        {
            await foreach (var invoice in invoices.StreamShardAsync(shard, CancellationToken.None).ConfigureAwait(false))
            {
                if (!plan.Targets.TryGetValue(invoice.Id.Value, out var target))
                {
                    continue;
                }

                seen++;
                var expected = target.Original.OpenAmount - target.Paid;
                var status = expected == 0m ? InvoiceStatus.Paid : InvoiceStatus.Open;
                if (invoice.OpenAmount != expected || invoice.Status != status)
                {
                    wrong.Add($"{invoice.Id.Value}: open {invoice.OpenAmount} {invoice.Status}, expected {expected} {status}");
                }
            }
        }

        Fail(failures, seen != plan.Targets.Count, $"{plan.Targets.Count - seen} paid invoices are missing");
        Fail(failures, wrong.Count > 0, $"{wrong.Count} invoices' open amounts are not original minus their payments, e.g. " + string.Join("; ", wrong.Take(ShownPerCheck)));
    }

    private static async Task CheckPaymentRowsAsync(LoadPlan plan, IServiceProvider services, List<string> failures)
    {
        var payments = services.GetRequiredService<PaymentStore>();
        var shards = services.GetRequiredService<Sharding>().ShardCount;
        var rows = 0;
        var sums = new Dictionary<string, decimal>(StringComparer.Ordinal);
        for (var shard = 0; shard < shards; shard++)
        {
            await foreach (var payment in payments.StreamShardAsync(shard, CancellationToken.None).ConfigureAwait(false))
            {
                if (payment.Id.StartsWith(LoadApp.Source + ":", StringComparison.Ordinal))
                {
                    rows++;
                    sums[payment.InvoiceId.Value] = sums.GetValueOrDefault(payment.InvoiceId.Value) + payment.Amount;
                }
            }
        }

        var wrong = plan.Targets.Where(t => sums.GetValueOrDefault(t.Key) != t.Value.Paid)
            .Select(t => $"{t.Key}: {sums.GetValueOrDefault(t.Key)} paid, expected {t.Value.Paid}").ToList();
        Fail(failures, rows != plan.Events.Length, $"{rows} Payments rows for {plan.Events.Length} distinct payments");
        Fail(failures, wrong.Count > 0, $"{wrong.Count} invoices' Payments rows do not add up, e.g. " + string.Join("; ", wrong.Take(ShownPerCheck)));
    }

    private static async Task CheckEmptyAsync(TableHandle handle, string name, List<string> failures)
    {
        var table = await handle.GetAsync(CancellationToken.None).ConfigureAwait(false);
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(select: ["RowKey"]).ConfigureAwait(false))
        {
            count++;
        }

        Fail(failures, count != 0, $"{name} has {count} rows (expected none)");
    }

    private static void Fail(List<string> failures, bool failed, string message)
    {
        if (failed)
        {
            failures.Add(message);
        }
    }
}
