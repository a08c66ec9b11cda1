using System.CommandLine;
using System.Globalization;
using ArFunctions.Application.DailyRuns;
using ArFunctions.Email;
using ArFunctions.Local;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace ArFunctions.Cli;

/// <summary>
/// The options that name existing storage (<c>--connection-string</c>, else the ARFUNCTIONS_STORAGE variable) and how
/// the deployment lays it out (table and queue prefixes, shard count), as the function app's settings do. Commands on
/// existing storage also read the function app's settings (<see cref="CliSettings"/>): an option given on the command
/// line wins, then the settings, then the option's default.
/// </summary>
internal sealed class StorageArgs(string tablePrefix = "ar", string queuePrefix = QueueNames.DefaultPrefix, int shards = 64, bool readsSettings = true)
{
    public const string EnvironmentVariable = "ARFUNCTIONS_STORAGE";
    private const string ConnectionStringSetting = "ArFunctions:Storage:ConnectionString";
    private const string TablePrefixSetting = "ArFunctions:Storage:TablePrefix";
    private const string ShardCountSetting = "ArFunctions:Storage:ShardCount";

    public Option<string?> ConnectionString { get; } = new("--connection-string")
    {
        Description = $"Storage connection string; default the {EnvironmentVariable} environment variable"
            + (readsSettings ? $", else the setting {ConnectionStringSetting}." : "."),
    };

    public Option<string> TablePrefix { get; } = new("--table-prefix") { Description = $"Prefix of the table names ({TablePrefixSetting}).", DefaultValueFactory = _ => tablePrefix };

    public Option<string> QueuePrefix { get; } = new("--queue-prefix") { Description = $"Prefix of the queue names ({QueueNames.PrefixSetting}).", DefaultValueFactory = _ => queuePrefix };

    public Option<int> Shards { get; } = new("--shards") { Description = $"Shard count of the deployment ({ShardCountSetting}).", DefaultValueFactory = _ => shards };

    public Option<FileInfo?> SettingsFile { get; } = new("--settings") { Description = CliSettings.Explanation };

    public void AddTo(Command command)
    {
        command.Options.Add(ConnectionString);
        command.Options.Add(TablePrefix);
        command.Options.Add(QueuePrefix);
        command.Options.Add(Shards);
        if (readsSettings)
        {
            command.Options.Add(SettingsFile);
        }
    }

    /// <summary>The option's value, else the environment variable's; null when neither is set.</summary>
    public string? ConnectionStringOf(ParseResult parse)
    {
        var value = parse.GetValue(ConnectionString);
        value = string.IsNullOrWhiteSpace(value) ? Environment.GetEnvironmentVariable(EnvironmentVariable) : value;
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    /// <summary>
    /// The pipeline on the named storage with the function app's settings (<paramref name="options"/>, in configuration
    /// form, over them), seeding no policy; null after explaining what is missing or wrong.
    /// </summary>
    public async Task<LocalPipeline?> OpenAsync(ParseResult parse, IReadOnlyDictionary<string, string?>? options = null, Action<IServiceCollection>? configure = null)
    {
        var settings = CliSettings.Read(CliSettings.Find(parse.GetValue(SettingsFile)), Layout(parse, options));
        if (settings is null)
        {
            return null;
        }

        var connectionString = ConnectionStringOf(parse) ?? settings.GetValueOrDefault(ConnectionStringSetting);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            AnsiConsole.MarkupLine($"[red]No storage given.[/] This command reads the storage the function app (or [bold]arfn demo --connection-string[/]) wrote to: "
                + $"pass [bold]--connection-string[/], set {EnvironmentVariable} or the setting {ConnectionStringSetting} (for a local Azurite: UseDevelopmentStorage=true). "
                + "[bold]arfn demo[/] without a connection string runs on an in-memory Azurite whose data is gone when it ends.");
            return null;
        }

        // The CLI saves a policy only when given one (--policy): an empty policy table stays empty.
        settings["ArFunctions:Policy:Path"] = "";
        var shardCount = int.TryParse(settings.GetValueOrDefault(ShardCountSetting), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : parse.GetValue(Shards);
        try
        {
            return await LocalPipeline.StartAsync(
                connectionString, shardCount, "", settings.GetValueOrDefault(TablePrefixSetting) ?? parse.GetValue(TablePrefix)!, WithShippedTemplates(configure),
                settings.GetValueOrDefault(QueueNames.PrefixSetting) ?? parse.GetValue(QueuePrefix)!, settings);
        }
        catch (OptionsValidationException e)
        {
            AnsiConsole.MarkupLine("[red]Invalid settings:[/]");
            foreach (var failure in e.Failures)
            {
                AnsiConsole.WriteLine("  " + failure);
            }

            AnsiConsole.WriteLine(CliSettings.Explanation);
            return null;
        }
    }

    /// <summary>The layout options given on the command line (not their defaults), over the command's own settings.</summary>
    private Dictionary<string, string?> Layout(ParseResult parse, IReadOnlyDictionary<string, string?>? options)
    {
        var layout = new Dictionary<string, string?>(options ?? new Dictionary<string, string?>(), StringComparer.OrdinalIgnoreCase);
        if (Given(parse, TablePrefix))
        {
            layout[TablePrefixSetting] = parse.GetValue(TablePrefix);
        }

        if (Given(parse, QueuePrefix))
        {
            layout[QueueNames.PrefixSetting] = parse.GetValue(QueuePrefix);
        }

        if (Given(parse, Shards))
        {
            layout[ShardCountSetting] = parse.GetValue(Shards).ToString(CultureInfo.InvariantCulture);
        }

        return layout;
    }

    private static bool Given(ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };

    /// <summary>
    /// <paramref name="configure"/>, then the shipped templates where it registered no template catalog (a pipeline that
    /// sends no email): a draft previewed or a policy saved here is checked against them, as the function app checks it.
    /// </summary>
    private static Action<IServiceCollection> WithShippedTemplates(Action<IServiceCollection>? configure) => services =>
    {
        configure?.Invoke(services);
        services.TryAddSingleton(PolicyFiles.ShippedTemplates);
        services.AddArFunctionsStatements();
    };
}
