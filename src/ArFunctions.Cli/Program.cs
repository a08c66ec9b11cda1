using System.CommandLine;
using ArFunctions.Cli;

var root = new RootCommand("ar: ArFunctions, accounts-receivable collections automation.")
{
    PolicyCommands.Create(),
    SimulateCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
