using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;

namespace ArFunctions.Local;

/// <summary>
/// The Azurite storage emulator for local runs, demos, benchmarks and tests: started in memory on free loopback ports
/// from the repository's pinned npm package (node_modules/azurite), in a fresh temporary working directory, and always
/// stopped (SIGTERM, then a kill after 5 s), also when the process exits without disposing it.
/// </summary>
public sealed partial class LocalAzurite : IAsyncDisposable
{
    private const string Account = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private const int SigTerm = 15;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private readonly StringBuilder _output = new();
    private readonly Dictionary<string, string> _endpoints = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _process;
    private DirectoryInfo? _workingDirectory;

    private LocalAzurite()
    {
    }

    public string ConnectionString { get; private set; } = "";

    /// <summary>The id of the Azurite process.</summary>
    public int? ProcessId { get; private set; }

    /// <summary>Starts Azurite from <paramref name="repositoryRoot"/> (default: the folder holding package.json above the app) and waits until tables answer.</summary>
    public static async Task<LocalAzurite> StartAsync(string? repositoryRoot = null)
    {
        var azurite = new LocalAzurite();
        azurite.Start(repositoryRoot ?? FindRepositoryRoot());
        try
        {
            await azurite._listening.Task.WaitAsync(StartTimeout).ConfigureAwait(false);
            azurite.ConnectionString = azurite.BuildConnectionString();
            await WaitForTablesAsync(azurite.ConnectionString, azurite.Output).ConfigureAwait(false);
            return azurite;
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            azurite.Stop();
            throw new InvalidOperationException($"Azurite did not start within {StartTimeout.TotalSeconds} s. Its output:\n{azurite.Output()}", e);
        }
    }

    /// <summary>Ready means a real table request succeeds, not just an open port.</summary>
    public static async Task WaitForTablesAsync(string connectionString, Func<string>? diagnostics = null)
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 0;
        var client = new TableServiceClient(connectionString, options);
        using var timeout = new CancellationTokenSource(StartTimeout);
        while (true)
        {
            try
            {
                await client.GetPropertiesAsync(timeout.Token).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is RequestFailedException or HttpRequestException && !timeout.IsCancellationRequested)
            {
                await Task.Delay(200, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException e)
            {
                throw new InvalidOperationException($"The table endpoint did not answer within {StartTimeout.TotalSeconds} s. {diagnostics?.Invoke()}", e);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    public static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "package.json")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No package.json above {AppContext.BaseDirectory}: cannot find the repository root.");
    }

    private void Start(string root)
    {
        var script = Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed: run 'npm ci' in {root}, or configure a connection string to a running emulator.");
        }

        // Azurite writes debug and extent files to its working directory: give it one of its own.
        _workingDirectory = Directory.CreateTempSubdirectory("arfunctions-azurite-");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = _workingDirectory.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // --silent turns off the access log only; the "listening at" lines we read still appear.
        string[] arguments = [script, "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry",
            "--blobPort", "0", "--queuePort", "0", "--tablePort", "0"];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => OnOutput(e.Data);
        process.Exited += (_, _) => _listening.TrySetException(new InvalidOperationException("Azurite exited before it was ready."));
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        process.Start();
        _process = process;
        ProcessId = process.Id;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            _output.AppendLine(line);
            var match = ListeningLine().Match(line);
            if (match.Success)
            {
                _endpoints[match.Groups["service"].Value] = match.Groups["url"].Value.TrimEnd('/');
                if (_endpoints.Count == 3)
                {
                    _listening.TrySetResult();
                }
            }
        }
    }

    private string Output()
    {
        lock (_lock)
        {
            return _output.ToString();
        }
    }

    private string BuildConnectionString()
    {
        lock (_lock)
        {
            return $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={AccountKey};"
                + $"BlobEndpoint={_endpoints["Blob"]}/{Account};QueueEndpoint={_endpoints["Queue"]}/{Account};TableEndpoint={_endpoints["Table"]}/{Account};";
        }
    }

    private void OnProcessExit(object? sender, EventArgs e) => Stop();

    private void Stop()
    {
        Process? process;
        lock (_lock)
        {
            process = _process;
            _process = null;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        if (process is not null)
        {
            using (process)
            {
                Terminate(process);
            }
        }

        try
        {
            _workingDirectory?.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; the process is what must not stay.
        }
    }

    private static void Terminate(Process process)
    {
        try
        {
            if (process.HasExited)
            {
                return;
            }

            if (!OperatingSystem.IsWindows())
            {
                _ = NativeMethods.Kill(process.Id, SigTerm);
            }

            if (!process.WaitForExit(StopGrace))
            {
                // Azurite sometimes ignores SIGTERM.
                process.Kill(entireProcessTree: true);
                process.WaitForExit(StopGrace);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the checks.
        }
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at (?<url>\S+)")]
    private static partial Regex ListeningLine();

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Kill(int pid, int signal);
    }
}
