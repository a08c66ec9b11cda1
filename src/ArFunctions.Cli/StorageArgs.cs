using System.CommandLine;
using ArFunctions.Application.DailyRuns;
using ArFunctions.Local;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace ArFunctions.Cli;

/// <summary>
/// The options that name existing storage (<c>--connection-string</c>, else the ARFUNCTIONS_STORAGE variable) and how
/// the deployment lays it out (table and queue prefixes, shard count), as the function app's settings do.
/// </summary>
internal sealed class StorageArgs(string tablePrefix = "ar", string queuePrefix = QueueNames.DefaultPrefix, int shards = 64)
{
    public const string EnvironmentVariable = "ARFUNCTIONS_STORAGE";

    public Option<string?> ConnectionString { get; } = new("--connection-string") { Description = $"Storage connection string; default the {EnvironmentVariable} environment variable." };

    public Option<string> TablePrefix { get; } = new("--table-prefix") { Description = "Prefix of the table names (ArFunctions:Storage:TablePrefix).", DefaultValueFactory = _ => tablePrefix };

    public Option<string> QueuePrefix { get; } = new("--queue-prefix") { Description = $"Prefix of the queue names ({QueueNames.PrefixSetting}).", DefaultValueFactory = _ => queuePrefix };

    public Option<int> Shards { get; } = new("--shards") { Description = "Shard count of the deployment (ArFunctions:Storage:ShardCount).", DefaultValueFactory = _ => shards };

    public void AddTo(Command command)
    {
        command.Options.Add(ConnectionString);
        command.Options.Add(TablePrefix);
        command.Options.Add(QueuePrefix);
        command.Options.Add(Shards);
    }

    /// <summary>The option's value, else the environment variable's; null when neither is set.</summary>
    public string? ConnectionStringOf(ParseResult parse)
    {
        var value = parse.GetValue(ConnectionString);
        value = string.IsNullOrWhiteSpace(value) ? Environment.GetEnvironmentVariable(EnvironmentVariable) : value;
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    /// <summary>The pipeline on the named storage, or null after explaining where the data lives when none is named.</summary>
    public async Task<LocalPipeline?> OpenAsync(ParseResult parse, Action<IServiceCollection>? configure = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var connectionString = ConnectionStringOf(parse);
        if (connectionString is null)
        {
            AnsiConsole.MarkupLine($"[red]No storage given.[/] This command reads the storage the function app (or [bold]ar demo --connection-string[/]) wrote to: "
                + $"pass [bold]--connection-string[/] or set {EnvironmentVariable} (for a local Azurite: UseDevelopmentStorage=true). "
                + "[bold]ar demo[/] without a connection string runs on an in-memory Azurite whose data is gone when it ends.");
            return null;
        }

        return await LocalPipeline.StartAsync(
            connectionString, parse.GetValue(Shards), PolicyFiles.Sample().FullName, parse.GetValue(TablePrefix)!, configure, parse.GetValue(QueuePrefix)!, settings);
    }
}
