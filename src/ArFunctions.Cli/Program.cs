using ArFunctions.Cli;
using Spectre.Console;

if (Console.IsOutputRedirected)
{
    // Piped or captured output has no terminal width; keep tables readable in logs.
    AnsiConsole.Profile.Width = 200;
}

return await ArCommands.Create().Parse(args).InvokeAsync();
