using System.Collections.Concurrent;
using System.Diagnostics;

namespace ArFunctions.WorkerHost;

/// <summary>
/// The worker process as the Functions host starts it: <c>dotnet &lt;assembly&gt;</c> in the app directory with the
/// gRPC endpoint, worker id, request id and message limit on the command line, the app settings in the environment.
/// Its stdout and stderr lines are kept; disposing kills the whole process tree.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(Process process) => _process = process;

    public IReadOnlyList<string> Output => [.. _output];

    public bool HasExited => _process.HasExited;

    /// <summary>The worker's process id (benchmarks read its CPU time).</summary>
    public int Id => _process.Id;

    /// <summary>Completes when the process has exited, for whatever reason.</summary>
    public Task Exited => _exited.Task;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public static WorkerProcess Start(WorkerHostOptions options, Uri grpcEndpoint, string workerId, string requestId)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = options.AppDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(options.AppDirectory, options.AssemblyName));
        foreach (var argument in Arguments(grpcEndpoint, workerId, requestId))
        {
            info.ArgumentList.Add(argument);
        }

        SetEnvironment(info.Environment, options);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var worker = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) => worker.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => worker.Keep(e.Data);
        process.Exited += (_, _) => worker._exited.TrySetResult();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    // Worker 2.x reads the functions-* names; the host passes the older host/port/workerId/requestId ones too.
    private static IEnumerable<string> Arguments(Uri endpoint, string workerId, string requestId)
    {
        const string MaxMessageLength = "2147483647";
        return
        [
            "--host", endpoint.Host, "--port", endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--workerId", workerId, "--requestId", requestId, "--grpcMaxMessageLength", MaxMessageLength,
            "--functions-uri", endpoint.AbsoluteUri, "--functions-worker-id", workerId,
            "--functions-request-id", requestId, "--functions-grpc-max-message-length", MaxMessageLength,
        ];
    }

    private static void SetEnvironment(IDictionary<string, string?> environment, WorkerHostOptions options)
    {
        // A URL inherited from the test runner would make the worker's Kestrel listen where the host did not ask it to.
        environment.Remove("ASPNETCORE_URLS");
        environment.Remove("ASPNETCORE_HTTP_PORTS");
        environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        environment["FUNCTIONS_EXTENSION_VERSION"] = "~4";
        environment["AzureWebJobsScriptRoot"] = options.AppDirectory;
        environment["FUNCTIONS_APPLICATION_DIRECTORY"] = options.AppDirectory;
        environment["FUNCTIONS_WORKER_DIRECTORY"] = options.AppDirectory;
        environment["AzureWebJobsStorage"] = options.StorageConnectionString;
        foreach (var (name, value) in options.Settings)
        {
            var variable = name.Replace(":", "__", StringComparison.Ordinal);
            if (value is null)
            {
                environment.Remove(variable);
            }
            else
            {
                environment[variable] = value;
            }
        }
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    /// <summary>Waits up to <paramref name="grace"/> for the worker to leave on its own, then kills its tree.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        try
        {
            using var wait = new CancellationTokenSource(grace);
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone between the check and the kill.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
