using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Ports;
using ArFunctions.Domain.Strategies;

namespace ArFunctions.Storage.Tests.DailyRuns;

public sealed class FaultInjectedException() : Exception("Injected crash.");

/// <summary>
/// A crash at the N-th write the daily run makes (before or after the write reaches storage, as chosen), once;
/// every later write goes through. Stands in for a host that dies mid-shard.
/// </summary>
public sealed class FaultInjection(int crashAtWrite, bool afterWrite)
{
    private int _writes;

    public bool Crashed { get; private set; }

    /// <summary>Writes count only once armed, so the crash lands in shard processing and not in starting the run.</summary>
    public bool Armed { get; set; }

    public async Task<T> AroundAsync<T>(Func<Task<T>> write)
    {
        var isTheOne = Armed && !Crashed && Interlocked.Increment(ref _writes) == crashAtWrite;
        if (isTheOne && !afterWrite)
        {
            Crashed = true;
            throw new FaultInjectedException();
        }

        var result = await write();
        if (isTheOne)
        {
            Crashed = true;
            throw new FaultInjectedException();
        }

        return result;
    }

    public Task AroundAsync(Func<Task> write) => AroundAsync(async () =>
    {
        await write();
        return true;
    });
}

public sealed class FaultyShardStore(IShardStore inner, FaultInjection faults) : IShardStore
{
    public int ShardCount => inner.ShardCount;

    public Task<ShardSnapshot> ReadAsync(int shard, DateOnly asOf, CancellationToken cancellationToken) => inner.ReadAsync(shard, asOf, cancellationToken);

    public Task<IReadOnlyDictionary<string, string?>> RecordLedgerAsync(int shard, IReadOnlyList<LedgerWrite> writes, CancellationToken cancellationToken) =>
        faults.AroundAsync(() => inner.RecordLedgerAsync(shard, writes, cancellationToken));

    public Task<IReadOnlyList<string>> AddActionsAsync(int shard, DateOnly asOf, IReadOnlyList<PlannedAction> actions, CancellationToken cancellationToken) =>
        faults.AroundAsync(() => inner.AddActionsAsync(shard, asOf, actions, cancellationToken));

    public Task ReplaceActionAsync(int shard, DateOnly asOf, PlannedAction action, ActionStatus status, CancellationToken cancellationToken) =>
        faults.AroundAsync(() => inner.ReplaceActionAsync(shard, asOf, action, status, cancellationToken));

    public Task SetActionStatusAsync(int shard, IReadOnlyList<string> actionIds, ActionStatus status, CancellationToken cancellationToken) =>
        faults.AroundAsync(() => inner.SetActionStatusAsync(shard, actionIds, status, cancellationToken));

    public Task<IReadOnlyList<ActionMessage>> GetUnqueuedActionsAsync(int shard, DateOnly asOf, CancellationToken cancellationToken) =>
        inner.GetUnqueuedActionsAsync(shard, asOf, cancellationToken);

    public Task SaveStatesAsync(int shard, IReadOnlyList<CustomerState> states, CancellationToken cancellationToken) =>
        faults.AroundAsync(() => inner.SaveStatesAsync(shard, states, cancellationToken));

    public Task AddSegmentMovesAsync(int shard, IReadOnlyList<SegmentMove> moves, CancellationToken cancellationToken) =>
        faults.AroundAsync(() => inner.AddSegmentMovesAsync(shard, moves, cancellationToken));
}

public sealed class FaultyQueue(IMessageQueue inner, FaultInjection faults) : IMessageQueue
{
    public Task SendAsync<T>(string queueName, T message, CancellationToken cancellationToken) =>
        faults.AroundAsync(() => inner.SendAsync(queueName, message, cancellationToken));

    public Task SendAsync<T>(string queueName, T message, TimeSpan visibilityDelay, CancellationToken cancellationToken) =>
        faults.AroundAsync(() => inner.SendAsync(queueName, message, visibilityDelay, cancellationToken));
}
