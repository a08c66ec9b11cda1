using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Ports;
using ArFunctions.Domain.Strategies;
using ArFunctions.Local;
using ArFunctions.Storage.DailyRuns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ArFunctions.Benchmarks.DailyRun;

/// <summary>How many entities the daily run wrote and messages it sent, per shard (the floor writes as many), and the rows its reads returned.</summary>
public sealed class WriteCounter
{
    private readonly int[] _entities;
    private readonly int[] _messages;
    private long _rowsRead;

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

    /// <summary>Rows the shards' reads returned, every table together.</summary>
    public long RowsRead => Interlocked.Read(ref _rowsRead);

    public void AddEntities(int shard, int count) => Interlocked.Add(ref _entities[shard], count);

    public void AddRowsRead(int count) => Interlocked.Add(ref _rowsRead, count);

    public void AddMessage(int shard) => Interlocked.Increment(ref _messages[shard]);

    public void Reset()
    {
        Array.Clear(_entities);
        Array.Clear(_messages);
        Interlocked.Exchange(ref _rowsRead, 0);
    }
}

/// <summary>Counts the daily run's writes on their way to storage; the run's own work is unchanged.</summary>
public sealed class CountingShardStore(IShardStore inner, WriteCounter counter) : IShardStore
{
    public int ShardCount => inner.ShardCount;

    public async Task<ShardSnapshot> ReadAsync(int shard, DateOnly asOf, CancellationToken cancellationToken)
    {
        var snapshot = await inner.ReadAsync(shard, asOf, cancellationToken);
        counter.AddRowsRead(snapshot.RowsRead);
        return snapshot.Archive is { } archive ? snapshot with { Archive = new CountingArchive(archive, shard, counter) } : snapshot;
    }

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

/// <summary>Counts each archived row twice, its copy and its delete.</summary>
public sealed class CountingArchive(IHistoryArchive inner, int shard, WriteCounter counter) : IHistoryArchive
{
    public int Rows => inner.Rows;

    public async Task<int> MoveAsync(CancellationToken cancellationToken)
    {
        counter.AddEntities(shard, 2 * inner.Rows);
        return await inner.MoveAsync(cancellationToken);
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

/// <summary>The local pipeline with the sample policy, its shard store, queue and decision log counted by <see cref="WriteCounter"/>.</summary>
public static class CountingPipeline
{
    /// <summary>Starts it; <paramref name="configure"/> replaces more services first, <paramref name="settings"/> go on the configuration.</summary>
    public static Task<LocalPipeline> StartAsync(
        string connectionString, int shards, string tablePrefix, WriteCounter counter, Action<IServiceCollection>? configure = null, IReadOnlyDictionary<string, string?>? settings = null) =>
        LocalPipeline.StartAsync(
            connectionString, shards, Path.Combine(AppContext.BaseDirectory, "config", "policy.sample.json"), tablePrefix, services =>
            {
                configure?.Invoke(services);
                services.AddSingleton<QueueMessages>();
                services.Replace(ServiceDescriptor.Singleton<IShardStore>(sp => new CountingShardStore(sp.GetRequiredService<TableShardStore>(), counter)));
                services.Replace(ServiceDescriptor.Singleton<IMessageQueue>(sp => new CountingQueue(sp.GetRequiredService<QueueMessages>(), counter)));
                services.AddSingleton<TableDecisionLog>();
                services.Replace(ServiceDescriptor.Singleton<IDecisionLog>(sp => new CountingDecisionLog(sp.GetRequiredService<TableDecisionLog>(), counter)));
            }, settings: settings);
}
