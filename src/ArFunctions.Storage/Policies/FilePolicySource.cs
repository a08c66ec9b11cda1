using ArFunctions.Application.Ports;
using ArFunctions.Domain.Policies;
using Microsoft.Extensions.Options;

namespace ArFunctions.Storage.Policies;

/// <summary>Where the policy comes from (section <c>ArFunctions:Policy</c>).</summary>
public sealed class PolicyOptions
{
    public const string SectionName = "ArFunctions:Policy";

    /// <summary>
    /// Path of the policy JSON file that seeds an empty policy table, absolute or relative to the app's folder; empty
    /// seeds nothing (the table then has no policy until one is saved).
    /// </summary>
    public string Path { get; set; } = "config/policy.sample.json";
}

/// <summary>
/// The policy read from a file once, at start; an invalid or missing file fails the start with every error listed.
/// </summary>
public sealed class FilePolicySource : IPolicySource
{
    public FilePolicySource(IOptions<PolicyOptions> options)
    {
        var result = Load(options.Value.Path);
        Current = result.IsValid
            ? result.Policy
            : throw new OptionsValidationException(PolicyOptions.SectionName, typeof(PolicyOptions), result.Errors.Select(e => e.ToString()));
    }

    public CollectionPolicy Current { get; }

    public static PolicyLoadResult Load(string path)
    {
        var full = ResolvePath(path);
        return File.Exists(full)
            ? PolicyLoader.Load(File.ReadAllText(full))
            : new PolicyLoadResult(null, [new PolicyError("$", $"no policy file at '{full}' (setting {PolicyOptions.SectionName}:Path)")]);
    }

    /// <summary>The file a configured path names: relative to the app's folder, else to the working directory.</summary>
    public static string ResolvePath(string path)
    {
        var full = System.IO.Path.IsPathRooted(path) ? path : System.IO.Path.Combine(AppContext.BaseDirectory, path);
        if (!File.Exists(full) && File.Exists(path))
        {
            full = System.IO.Path.GetFullPath(path);
        }

        return full;
    }
}
