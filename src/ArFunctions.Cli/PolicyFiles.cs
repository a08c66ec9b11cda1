using ArFunctions.Application.Ports;
using ArFunctions.Domain.Policies;
using ArFunctions.Email;
using ArFunctions.Email.Templates;
using Spectre.Console;

namespace ArFunctions.Cli;

/// <summary>A policy file read and validated: its path, its exact text (what is saved) and the policy it loads as.</summary>
internal sealed record PolicyFile(FileInfo File, string Json, CollectionPolicy Policy);

/// <summary>Finds and loads a policy file (with the deployment's template ids), printing every error when it is invalid.</summary>
internal static class PolicyFiles
{
    /// <summary>
    /// The email templates the deployment ships, so a file naming another is refused here, as PUT /api/policy refuses
    /// it. Template ids do not depend on the sender settings the catalog renders with.
    /// </summary>
    private static readonly Lazy<LiquidTemplateCatalog> Catalog = new(() => LiquidTemplateCatalog.LoadEmbedded(SenderSettings.From(new EmailOptions())));

    /// <summary>The shipped templates, for the pipelines the CLI opens: their policy checks (a preview's draft, a save) use the same list.</summary>
    public static ITemplateCatalog ShippedTemplates => Catalog.Value;

    /// <summary>The sample policy: next to the executable, or in the repository's config folder.</summary>
    public static FileInfo Sample()
    {
        var beside = new FileInfo(Path.Combine(AppContext.BaseDirectory, "config", "policy.sample.json"));
        return beside.Exists ? beside : new FileInfo(Path.Combine("config", "policy.sample.json"));
    }

    /// <summary>The policy of <paramref name="file"/> (the sample when null); null after printing every error.</summary>
    public static CollectionPolicy? LoadOrReport(FileInfo? file) => ReadOrReport(file ?? Sample())?.Policy;

    /// <summary>The file read and validated; null after printing its full path and every error.</summary>
    public static PolicyFile? ReadOrReport(FileInfo file)
    {
        if (!file.Exists)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]No such policy file:[/] {file.FullName}");
            return null;
        }

        var json = File.ReadAllText(file.FullName);
        var result = PolicyLoader.Load(json, new PolicyLoadOptions { KnownTemplates = Catalog.Value.TemplateIds });
        if (result.IsValid)
        {
            return new PolicyFile(file, json, result.Policy);
        }

        Report(file, result.Errors);
        return null;
    }

    public static void Report(FileInfo file, IReadOnlyCollection<PolicyError> errors)
    {
        AnsiConsole.MarkupLineInterpolated($"[red]{file.FullName}: {errors.Count} error(s)[/]");
        foreach (var error in errors)
        {
            AnsiConsole.WriteLine("  " + error);
        }
    }
}
