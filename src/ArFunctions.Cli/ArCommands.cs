using System.CommandLine;
using ArFunctions.Cli.Demo;
using ArFunctions.Cli.Import;
using ArFunctions.Cli.SampleFiles;

namespace ArFunctions.Cli;

/// <summary>The <c>ar</c> command tree.</summary>
internal static class ArCommands
{
    public static RootCommand Create() => new("ar: ArFunctions, accounts-receivable collections automation.")
    {
        DemoCommand.Create(),
        ImportCommand.Create(),
        QueryCommands.CreateRun(),
        QueryCommands.CreateWorklist(),
        QueryCommands.CreateKpis(),
        PolicyCommands.Create(),
        PreviewCommand.Create(),
        SamplesCommand.Create(),
        SimulateCommand.Create(),
    };
}
