using System.CommandLine;
using ArFunctions.Cli;
using Spectre.Console;

if (Console.IsOutputRedirected)
{
    // Piped or captured output has no terminal width; keep tables readable in logs.
    AnsiConsole.Profile.Width = 200;
}

var root = new RootCommand("ar: ArFunctions, accounts-receivable collections automation.")
{
    PolicyCommands.Create(),
    SimulateCommand.Create(),
    DailyRunCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
