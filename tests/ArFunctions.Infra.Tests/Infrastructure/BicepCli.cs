using System.Diagnostics;

namespace ArFunctions.Infra.Tests.Infrastructure;

/// <summary>
/// The Bicep CLI restored from NuGet by tools/ArFunctions.BicepCli (part of ArFunctions.sln, so a solution restore
/// fetches it). Keep <see cref="Version"/> in step with that project and .ci/run.
/// </summary>
public static class BicepCli
{
    public const string Version = "0.49.2";

    public static string Locate()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (string.IsNullOrEmpty(packages))
        {
            packages = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        }

        var path = Path.Combine(packages, "azure.bicep.commandline.linux-x64", Version, "tools", "bicep");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The Bicep CLI is not at {path}: run `dotnet restore ArFunctions.sln` (tools/ArFunctions.BicepCli downloads it).");
        }

        // NuGet does not always keep the execute bit of a package's files (the package is linux-x64 only).
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
        }

        return path;
    }

    /// <summary>Compiles a Bicep file to ARM JSON, failing on any diagnostic (warnings included).</summary>
    public static async Task<string> BuildAsync(string bicepFile, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Locate())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("build");
        start.ArgumentList.Add(bicepFile);
        start.ArgumentList.Add("--stdout");

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bicep did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var diagnostics = (await errors).Trim();
        if (process.ExitCode != 0 || diagnostics.Length > 0)
        {
            throw new InvalidOperationException($"bicep build {bicepFile} exited {process.ExitCode}:\n{diagnostics}");
        }

        return await output;
    }
}
