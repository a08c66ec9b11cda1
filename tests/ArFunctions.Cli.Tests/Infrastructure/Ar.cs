using System.CommandLine;
using Spectre.Console;

namespace ArFunctions.Cli.Tests.Infrastructure;

/// <summary>Runs the <c>ar</c> command tree in-process with its console captured as plain text.</summary>
internal static class Ar
{
    public static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var writer = new StringWriter();
        var previous = AnsiConsole.Console;
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        AnsiConsole.Profile.Width = 250;
        try
        {
            var exit = await ArCommands.Create().Parse(args).InvokeAsync(new InvocationConfiguration { Output = writer, Error = writer });
            return (exit, writer.ToString());
        }
        finally
        {
            AnsiConsole.Console = previous;
        }
    }

    /// <summary>The repository's sample policy.</summary>
    public static string SamplePolicy => Path.Combine(Local.LocalAzurite.FindRepositoryRoot(), "config", "policy.sample.json");

    /// <summary>The repository's samples folder.</summary>
    public static string Samples => Path.Combine(Local.LocalAzurite.FindRepositoryRoot(), "samples");
}
