using System.Diagnostics;
using System.Text.Json;
using ArFunctions.FunctionApp.Tests.Infrastructure;

namespace ArFunctions.FunctionApp.Tests.Packaging;

/// <summary>`dotnet publish` of the function app yields a folder the Functions host can run as it is (zip deploy).</summary>
public sealed class FunctionAppPublish
{
    [Fact]
    public async Task PublishedFolderHoldsHostJsonEveryFunctionAndTheExecutableHostJsonNames()
    {
        var output = Path.Combine(Path.GetTempPath(), "arfunctions-publish-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await PublishAsync(output);

            var hostJson = Path.Combine(output, "host.json");
            Assert.True(File.Exists(hostJson), "host.json is missing from the published folder");
            using var host = JsonDocument.Parse(File.ReadAllText(hostJson));
            var executable = host.RootElement.GetProperty("customHandler").GetProperty("description").GetProperty("defaultExecutablePath").GetString()!;
            Assert.True(File.Exists(Path.Combine(output, executable)), $"the executable '{executable}' that host.json names is missing");
            Assert.True(host.RootElement.GetProperty("customHandler").GetProperty("enableForwardingHttpRequest").GetBoolean());
            foreach (var folder in Repository.FunctionFolders)
            {
                var name = Path.GetFileName(folder);
                var published = Path.Combine(output, name, "function.json");
                Assert.True(File.Exists(published), $"{name}/function.json is missing from the published folder");
                Assert.Equal(File.ReadAllText(Path.Combine(folder, "function.json")), File.ReadAllText(published));
            }

            Assert.True(File.Exists(Path.Combine(output, "config", "policy.sample.json")), "the seed policy is missing");
            Assert.Contains("wwwroot/index.html", EmbeddedResources(Path.Combine(output, "ArFunctions.FunctionApp.dll")));
            Assert.False(Directory.Exists(Path.Combine(output, "functions")), "function folders must sit at the app root, not under functions/");
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    /// <summary>The collector page ships inside the published assembly (no wwwroot folder needed); read without running it.</summary>
    private static string[] EmbeddedResources(string assemblyPath)
    {
        var context = new System.Runtime.Loader.AssemblyLoadContext("published", isCollectible: true);
        try
        {
            return context.LoadFromAssemblyPath(assemblyPath).GetManifestResourceNames();
        }
        finally
        {
            context.Unload();
        }
    }

    private static async Task PublishAsync(string output)
    {
        var start = new ProcessStartInfo("dotnet", ["publish", Repository.FunctionAppProject, "-c", "Release", "-o", output, "--nologo", "-v", "quiet"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        Assert.True(process.ExitCode == 0, $"dotnet publish failed:\n{await stdout}\n{await stderr}");
    }
}
