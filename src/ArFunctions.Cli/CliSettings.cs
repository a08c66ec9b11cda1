using System.Collections;
using System.Text.Json;
using Spectre.Console;

namespace ArFunctions.Cli;

/// <summary>
/// The function app's settings, read as the app reads them when run locally: the <c>Values</c> of local.settings.json
/// (keys such as <c>ArFunctions__Email__Mode</c>), then environment variables of the same names, then the command's
/// options, each over the one before. Keys come back in configuration form (<c>ArFunctions:Email:Mode</c>).
/// </summary>
internal static class CliSettings
{
    public const string FileName = "local.settings.json";
    private const string Prefix = "ArFunctions";

    /// <summary>Where the file is looked for when none is named: the working folder, then the function app's project folder.</summary>
    public static readonly string[] DefaultFiles = [FileName, Path.Combine("src", "ArFunctions.FunctionApp", FileName)];

    public const string Explanation =
        "Where settings come from, as for the function app: the Values of this local.settings.json (default ./local.settings.json, else src/ArFunctions.FunctionApp/local.settings.json), "
        + "then environment variables of the same names (ArFunctions__DailyRun__KpiPeriodDays ...), then this command's options; each wins over the one before.";

    /// <summary>The named file, else the first default that exists; null when there is none.</summary>
    public static FileInfo? Find(FileInfo? named) => named ?? DefaultFiles.Select(f => new FileInfo(f)).FirstOrDefault(f => f.Exists);

    /// <summary>The layered settings; null after printing why the named file cannot be read.</summary>
    public static Dictionary<string, string?>? Read(FileInfo? file, IReadOnlyDictionary<string, string?> options)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (file is not null && !TryReadFile(file, settings))
        {
            return null;
        }

        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            Add(settings, (string)variable.Key, (string?)variable.Value);
        }

        foreach (var (key, value) in options)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static bool TryReadFile(FileInfo file, Dictionary<string, string?> settings)
    {
        if (!file.Exists)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]No such settings file:[/] {file.FullName}");
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file.FullName), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("Values", out var values) || values.ValueKind != JsonValueKind.Object)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]{file.FullName}:[/] has no \"Values\" object (see local.settings.sample.json).");
                return false;
            }

            foreach (var value in values.EnumerateObject())
            {
                Add(settings, value.Name, value.Value.ValueKind == JsonValueKind.String ? value.Value.GetString() : value.Value.GetRawText());
            }

            return true;
        }
        catch (JsonException e)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{file.FullName}:[/] is not valid JSON: {e.Message}");
            return false;
        }
    }

    /// <summary>Keeps ArFunctions' own settings, in configuration form (the host maps "__" to ":" the same way).</summary>
    private static void Add(Dictionary<string, string?> settings, string name, string? value)
    {
        var key = name.Replace("__", ":", StringComparison.Ordinal);
        if (key.StartsWith(Prefix + ":", StringComparison.OrdinalIgnoreCase))
        {
            settings[key] = value;
        }
    }
}
