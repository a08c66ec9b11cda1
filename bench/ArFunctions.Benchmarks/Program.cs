using BenchmarkDotNet.Running;

namespace ArFunctions.Benchmarks;

public static class Program
{
    /// <summary><c>daily-run [--customers N] [--invoices N] [--shards N] [--concurrency N] [--connection-string CS]</c>, or <c>webhook-load [--events N] [--concurrency N] [--duplicates F] [--apply-concurrency N]</c>, or <c>fault-replay [--customers N] [--days N] [--seed N] [--crash-rate F]</c>, or <c>decision-log [--customers N] [--days N]</c>, or <c>engine-hash [--customers N] [--days N]</c>, or <c>engine-profile [--customers N] [--warmup N] [--days N] [--wait 1] [--types 1]</c>, or <c>payment-apply [--events N] [--workers N] [--batch N]</c>, or <c>history [--customers N] [--days N] [--shards N]</c>, or BenchmarkDotNet's arguments.</summary>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "daily-run")
        {
            return await DailyRun.DailyRunFloorCommand.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "fault-replay")
        {
            return await FaultReplay.FaultReplayCommand.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "decision-log")
        {
            return await DecisionLog.DecisionLogGrowthCommand.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "engine-hash")
        {
            return EngineHash.EngineHashCommand.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "engine-profile")
        {
            return EngineProfile.EngineProfileCommand.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "payment-apply")
        {
            return await PaymentApply.PaymentApplyCommand.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "history")
        {
            return await History.HistoryGrowthCommand.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "webhook-load")
        {
            return await WebhookLoad.WebhookLoadCommand.RunAsync(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
