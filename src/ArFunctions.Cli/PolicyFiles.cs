using ArFunctions.Domain.Policies;
using Spectre.Console;

namespace ArFunctions.Cli;

/// <summary>Finds and loads a policy file, printing every error when it is invalid.</summary>
internal static class PolicyFiles
{
    /// <summary>The sample policy: next to the executable, or in the repository's config folder.</summary>
    public static FileInfo Sample()
    {
        var beside = new FileInfo(Path.Combine(AppContext.BaseDirectory, "config", "policy.sample.json"));
        return beside.Exists ? beside : new FileInfo(Path.Combine("config", "policy.sample.json"));
    }

    public static CollectionPolicy? LoadOrReport(FileInfo? file)
    {
        file ??= Sample();
        if (!file.Exists)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]No such policy file:[/] {file.FullName}");
            return null;
        }

        var result = PolicyLoader.Load(File.ReadAllText(file.FullName));
        if (result.IsValid)
        {
            return result.Policy;
        }

        AnsiConsole.MarkupLineInterpolated($"[red]{file.Name}: {result.Errors.Count} error(s)[/]");
        foreach (var error in result.Errors)
        {
            AnsiConsole.WriteLine("  " + error);
        }

        return null;
    }
}
