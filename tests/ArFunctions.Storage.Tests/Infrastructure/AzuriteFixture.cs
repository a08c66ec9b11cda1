using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace ArFunctions.Storage.Tests.Infrastructure;

/// <summary>
/// An Azurite emulator for the tests: started in memory on free ports from the repository's pinned npm package, in a
/// fresh temporary working directory, and always stopped (SIGTERM, then a kill after 5 s), also when the test host
/// exits without disposing it. Set ARFUNCTIONS_TEST_STORAGE to a connection string to use a running emulator instead.
/// </summary>
public sealed partial class AzuriteFixture : IAsyncLifetime
{
    public const string EnvironmentVariable = "ARFUNCTIONS_TEST_STORAGE";

    private const string Account = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private const int SigTerm = 15;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    private readonly string? _existingConnectionString;
    private readonly Lock _lock = new();
    private readonly StringBuilder _output = new();
    private readonly Dictionary<string, string> _endpoints = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _process;
    private DirectoryInfo? _workingDirectory;

    public AzuriteFixture()
        : this(Environment.GetEnvironmentVariable(EnvironmentVariable))
    {
    }

    /// <param name="existingConnectionString">An emulator to use; null or empty starts one.</param>
    internal AzuriteFixture(string? existingConnectionString)
    {
        _existingConnectionString = string.IsNullOrWhiteSpace(existingConnectionString) ? null : existingConnectionString;
    }

    public string ConnectionString { get; private set; } = "";

    /// <summary>The id of the Azurite process this fixture started; null when it uses an existing emulator.</summary>
    public int? ProcessId { get; private set; }

    public async Task InitializeAsync()
    {
        if (_existingConnectionString is not null)
        {
            ConnectionString = _existingConnectionString;
        }
        else
        {
            Start();
            try
            {
                await _listening.Task.WaitAsync(StartTimeout);
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException)
            {
                Stop();
                throw new InvalidOperationException($"Azurite did not start within {StartTimeout.TotalSeconds} s. Its output:\n{Output()}", e);
            }

            ConnectionString = BuildConnectionString();
        }

        await WaitForTablesAsync();
    }

    public Task DisposeAsync()
    {
        Stop();
        return Task.CompletedTask;
    }

    public StorageOptions CreateOptions(string tablePrefix, int shardCount = StorageOptions.DefaultShardCount) => new()
    {
        ConnectionString = ConnectionString,
        TablePrefix = tablePrefix,
        ShardCount = shardCount,
    };

    public TableServiceClient CreateTableServiceClient(TableClientOptions? options = null) =>
        new(ConnectionString, options ?? new TableClientOptions());

    /// <summary>A queue client that does no encoding: it sees message text exactly as stored.</summary>
    public QueueClient CreateRawQueueClient(string queueName) =>
        new(ConnectionString, queueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });

    /// <summary>A name no other test uses: starts with a letter, then lower-case letters and digits.</summary>
    public static string UniqueName(string stem) => stem + Guid.NewGuid().ToString("N")[..10];

    internal static string FindRepositoryRoot()
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

    private void Start()
    {
        var root = FindRepositoryRoot();
        var script = Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed: run 'npm ci' in {root}, or set {EnvironmentVariable} to a running emulator's connection string.");
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

    /// <summary>Ready means a real table request succeeds, not just an open port.</summary>
    private async Task WaitForTablesAsync()
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 0;
        var client = new TableServiceClient(ConnectionString, options);
        using var timeout = new CancellationTokenSource(StartTimeout);
        while (true)
        {
            try
            {
                await client.GetPropertiesAsync(timeout.Token);
                return;
            }
            catch (Exception e) when (e is RequestFailedException or HttpRequestException && !timeout.IsCancellationRequested)
            {
                await Task.Delay(200, timeout.Token);
            }
            catch (OperationCanceledException e)
            {
                throw new InvalidOperationException($"The table endpoint did not answer within {StartTimeout.TotalSeconds} s. Azurite's output:\n{Output()}", e);
            }
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

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
