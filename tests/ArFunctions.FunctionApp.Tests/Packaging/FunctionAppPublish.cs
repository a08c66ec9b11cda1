using System.Diagnostics;
using System.Text.Json;
using ArFunctions.FunctionApp.Tests.Infrastructure;

namespace ArFunctions.FunctionApp.Tests.Packaging;

/// <summary>`dotnet publish` of the function app yields a folder the Functions host can run as it is (zip deploy).</summary>
public sealed class FunctionAppPublish
{
    [Fact]
    public async Task PublishedFolderHoldsHostJsonFunctionsMetadataWorkerConfigAndTheHostExtensions()
    {
        var output = Path.Combine(Path.GetTempPath(), "arfunctions-publish-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await PublishAsync(output);

            using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "host.json")));
            Assert.False(host.RootElement.TryGetProperty("customHandler", out _), "host.json still names a custom handler");
            Assert.Equal("api", host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
            using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "functions.metadata")));
            Assert.Equal(FunctionsMetadataContract.Expected.Length, metadata.RootElement.GetArrayLength());
            using var worker = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "worker.config.json")));
            Assert.Equal("dotnet-isolated", worker.RootElement.GetProperty("description").GetProperty("language").GetString());
            var workerPath = worker.RootElement.GetProperty("description").GetProperty("defaultWorkerPath").GetString()!;
            Assert.True(File.Exists(Path.Combine(output, workerPath)), $"the worker '{workerPath}' that worker.config.json names is missing");
            Assert.True(Directory.Exists(Path.Combine(output, ".azurefunctions")), ".azurefunctions/ (the host-side extensions) is missing");
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(output, ".azurefunctions"), "*.dll"));
            Assert.False(File.Exists(Path.Combine(output, "libcoreclr.so")), "the publish is framework-dependent, not self-contained");
            Assert.Empty(Directory.GetFiles(output, "function.json", SearchOption.AllDirectories));
            Assert.False(File.Exists(Path.Combine(output, "ArFunctions.Local.dll")), "the local-only Azurite launcher and pipeline must not ship in the app");
            Assert.True(File.Exists(Path.Combine(output, "config", "policy.sample.json")), "the seed policy is missing");
            Assert.Contains("wwwroot/index.html", EmbeddedResources(Path.Combine(output, "ArFunctions.FunctionApp.dll")));
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
        var start = new ProcessStartInfo("dotnet", ["publish", Path.Combine(Repository.FunctionAppProject, "ArFunctions.FunctionApp.csproj"), "-c", "Release", "-o", output, "--nologo", "-v", "quiet"])
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
