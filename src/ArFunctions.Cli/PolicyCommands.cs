using System.CommandLine;
using Spectre.Console;

namespace ArFunctions.Cli;

/// <summary><c>arfn policy validate FILE</c>: loads a policy and prints every error, or a summary when valid.</summary>
internal static class PolicyCommands
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The policy JSON file to validate." };
        var validate = new Command("validate", "Validate a policy file and list every error with its JSON path.") { file };
        validate.SetAction(parse => Validate(parse.GetValue(file)!));
        return new Command("policy", "Work with collection policies.") { validate };
    }

    private static int Validate(FileInfo file)
    {
        var policy = PolicyFiles.LoadOrReport(file);
        if (policy is null)
        {
            return 1;
        }

        AnsiConsole.MarkupLineInterpolated($"[green]{file.Name} is valid[/] (version {policy.Version})");
        var table = new Table().AddColumns("segment", "rule", "strategy", "version", "steps");
        foreach (var segment in policy.Segments)
        {
            var strategy = policy.StrategyFor(segment);
            table.AddRow(
                Markup.Escape(segment.Id),
                Markup.Escape(segment.When?.ToString() ?? "default"),
                Markup.Escape(strategy.Id),
                strategy.Version,
                Markup.Escape(string.Join(", ", strategy.Steps.Select(s => $"{s.Day:+0;-0;0} {s.Action.ToString().ToLowerInvariant()}"))));
        }

        AnsiConsole.Write(table);
        return 0;
    }
}
