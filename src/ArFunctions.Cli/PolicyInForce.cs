using System.CommandLine;
using ArFunctions.Application.Access;
using ArFunctions.Application.Policies;
using ArFunctions.Local;
using Spectre.Console;

namespace ArFunctions.Cli;

/// <summary>
/// The policy the runs use, as the CLI handles it: saved only when given (<c>--policy FILE</c>, through the same
/// <see cref="PolicyAdmin"/> the function app's PUT /api/policy uses, versioned and saved by the CLI's user), and
/// never seeded silently: a command that needs a policy on storage without one stops and says what to pass.
/// </summary>
internal static class PolicyInForce
{
    public const string ImportExample = "arfn import --policy my-policy.json customers.csv invoices.csv payments.csv";

    public static Option<FileInfo?> CreateOption() => new("--policy")
    {
        Description = "Save this policy file as the policy in force first (validated as by 'arfn policy validate'; versioned like PUT /api/policy). "
            + "Required on storage that has no policy yet.",
    };

    /// <summary>
    /// Saves <paramref name="file"/> as the next version (with <paramref name="note"/>, saved by the CLI's user) unless it
    /// is the version in force; false after printing why not.
    /// </summary>
    public static async Task<bool> SaveAsync(LocalPipeline pipeline, PolicyFile file, string note, CancellationToken cancellationToken)
    {
        var savedBy = Caller.Local(Environment.UserName).AuditName;
        var result = await pipeline.Get<PolicyAdmin>().PutAsync(file.Json, note, savedBy, cancellationToken);
        switch (result.Status)
        {
            case PolicyPutStatus.Saved:
                AnsiConsole.MarkupLineInterpolated($"Saved {file.File.FullName} (policy {result.Policy!.PolicyVersion}) as version {result.Policy.Version}, the policy in force.");
                return true;
            case PolicyPutStatus.Unchanged:
                AnsiConsole.MarkupLineInterpolated($"{file.File.FullName} is already the policy in force (version {result.Policy!.Version}).");
                return true;
            default:
                PolicyFiles.Report(file.File, result.Errors);
                AnsiConsole.MarkupLine("Nothing was written.");
                return false;
        }
    }

    /// <summary>True when the storage has a policy in force; otherwise prints what to pass and returns false.</summary>
    public static async Task<bool> RequireAsync(LocalPipeline pipeline, string example, CancellationToken cancellationToken)
    {
        if (await pipeline.Get<IPolicyStore>().FindLatestAsync(cancellationToken) is not null)
        {
            return true;
        }

        AnsiConsole.MarkupLineInterpolated(
            $"[red]No policy in force in this storage.[/] Pass the policy your runs should use with --policy, for example: {example} (check a file first with 'arfn policy validate FILE'; {Path.Combine("config", "policy.sample.json")} is a starting point). Nothing was written.");
        return false;
    }
}
