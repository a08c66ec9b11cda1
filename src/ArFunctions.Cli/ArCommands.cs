using System.CommandLine;
using ArFunctions.Cli.Demo;
using ArFunctions.Cli.Import;
using ArFunctions.Cli.SampleFiles;

namespace ArFunctions.Cli;

/// <summary>The <c>ar</c> command tree.</summary>
internal static class ArCommands
{
    private const string Description = """
        arfn: ArFunctions, accounts-receivable collections automation (docs/cli.md).

        A first day on your own data (storage: --connection-string, ARFUNCTIONS_STORAGE, or the function app's local.settings.json):
          arfn policy validate my-policy.json     check your policy (start from config/policy.sample.json)
          arfn import --policy my-policy.json customers.csv invoices.csv payments.csv
                                                save it as the policy in force and load your data (docs/import.md)
          arfn import-history history.csv         optional: the last step per invoice your team already took, so the
                                                first run carries on from it instead of a baseline (docs/onboarding.md)
          arfn run --as-of 2026-12-01 --process   run the day here: shards, emails (.eml files in artifacts/outbox unless
                                                the ArFunctions:Email settings say otherwise) and the collectors' tasks
          arfn worklist                           the day's ranked calls, with the reasons
          arfn kpis                               DSO, CEI and aging per day and segment
        arfn demo does the same day by day on the sample portfolio and policy, in an Azurite of its own.
        """;

    public static RootCommand Create() => new(Description)
    {
        DemoCommand.Create(),
        ImportCommand.Create(),
        ContactHistoryCommand.Create(),
        QueryCommands.CreateRun(),
        QueryCommands.CreateWorklist(),
        QueryCommands.CreateKpis(),
        StatementCommand.Create(),
        PortalCommands.Create(),
        ExplainCommand.Create(),
        PolicyCommands.Create(),
        PreviewCommand.Create(),
        SamplesCommand.Create(),
        SimulateCommand.Create(),
    };
}
