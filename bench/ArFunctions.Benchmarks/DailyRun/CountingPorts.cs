using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Ports;
using ArFunctions.Domain.Strategies;

namespace ArFunctions.Benchmarks.DailyRun;

/// <summary>How many entities the daily run wrote and messages it sent, per shard: the floor writes as many.</summary>
public sealed class WriteCounter
{
    private readonly int[] _entities;
    private readonly int[] _messages;

    public WriteCounter(int shards)
    {
        _entities = new int[shards];
        _messages = new int[shards];
    }

    public int EntitiesLength => _entities.Length;

    public int Entities(int shard) => _entities[shard];

    public int Messages(int shard) => _messages[shard];

    public int TotalEntities => _entities.Sum();

    public int TotalMessages => _messages.Sum();

    public void AddEntities(int shard, int count) => Interlocked.Add(ref _entities[shard], count);

    public void AddMessage(int shard) => Interlocked.Increment(ref _messages[shard]);

    public void Reset()
    {
        Array.Clear(_entities);
        Array.Clear(_messages);
    }
}

/// <summary>Counts the daily run's writes on their way to storage; the run's own work is unchanged.</summary>
public sealed class CountingShardStore(IShardStore inner, WriteCounter counter) : IShardStore
{
    public int ShardCount => inner.ShardCount;

    public Task<ShardSnapshot> ReadAsync(int shard, DateOnly asOf, CancellationToken cancellationToken) => inner.ReadAsync(shard, asOf, cancellationToken);

    public Task<IReadOnlyDictionary<string, string?>> RecordLedgerAsync(int shard, IReadOnlyList<LedgerWrite> writes, CancellationToken cancellationToken)
    {
        counter.AddEntities(shard, writes.Count);
        return inner.RecordLedgerAsync(shard, writes, cancellationToken);
    }

    public Task<IReadOnlyList<string>> AddActionsAsync(int shard, DateOnly asOf, IReadOnlyList<PlannedAction> actions, CancellationToken cancellationToken)
    {
        counter.AddEntities(shard, actions.Count);
        return inner.AddActionsAsync(shard, asOf, actions, cancellationToken);
    }

    public Task ReplaceActionAsync(int shard, DateOnly asOf, PlannedAction action, ActionStatus status, CancellationToken cancellationToken)
    {
        counter.AddEntities(shard, 1);
        return inner.ReplaceActionAsync(shard, asOf, action, status, cancellationToken);
    }

    public Task SetActionStatusAsync(int shard, IReadOnlyList<string> actionIds, ActionStatus status, CancellationToken cancellationToken)
    {
        counter.AddEntities(shard, actionIds.Count);
        return inner.SetActionStatusAsync(shard, actionIds, status, cancellationToken);
    }

    public Task<IReadOnlyList<ActionMessage>> GetUnqueuedActionsAsync(int shard, DateOnly asOf, CancellationToken cancellationToken) =>
        inner.GetUnqueuedActionsAsync(shard, asOf, cancellationToken);

    public Task SaveStatesAsync(int shard, IReadOnlyList<CustomerState> states, CancellationToken cancellationToken)
    {
        counter.AddEntities(shard, states.Count);
        return inner.SaveStatesAsync(shard, states, cancellationToken);
    }

    public Task AddSegmentMovesAsync(int shard, IReadOnlyList<SegmentMove> moves, CancellationToken cancellationToken)
    {
        counter.AddEntities(shard, moves.Count);
        return inner.AddSegmentMovesAsync(shard, moves, cancellationToken);
    }
}

public sealed class CountingQueue(IMessageQueue inner, WriteCounter counter) : IMessageQueue
{
    public Task SendAsync<T>(string queueName, T message, CancellationToken cancellationToken)
    {
        if (message is ActionMessage action)
        {
            counter.AddMessage(action.Shard);
        }

        return inner.SendAsync(queueName, message, cancellationToken);
    }

    public Task SendAsync<T>(string queueName, T message, TimeSpan visibilityDelay, CancellationToken cancellationToken) =>
        inner.SendAsync(queueName, message, visibilityDelay, cancellationToken);
}

/// <summary>Counts the decision log's rows as the daily run's writes: the floor writes as many.</summary>
public sealed class CountingDecisionLog(IDecisionLog inner, WriteCounter counter) : IDecisionLog
{
    public Task AddAsync(int shard, IReadOnlyList<Domain.Decisions.DayDecision> decisions, CancellationToken cancellationToken)
    {
        counter.AddEntities(shard, decisions.Count);
        return inner.AddAsync(shard, decisions, cancellationToken);
    }

    public Task<IReadOnlyList<Domain.Decisions.DayDecision>> GetAsync(Domain.Common.CustomerId customerId, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        inner.GetAsync(customerId, from, to, cancellationToken);
}
