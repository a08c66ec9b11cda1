using System.Diagnostics;
using System.Globalization;

namespace ArFunctions.Benchmarks;

/// <summary>
/// CPU time several processes used over one phase (this one, and others by pid: Azurite, the worker): which side of
/// the wire a phase spent its CPU on, a figure less sensitive to a shared machine's load than its wall time.
/// </summary>
internal sealed class ProcessCpu
{
    private readonly (string Label, int? Pid, TimeSpan? Start)[] _processes;
    private readonly Stopwatch _wall = Stopwatch.StartNew();

    private ProcessCpu((string Label, int? Pid)[] processes) =>
        _processes = [.. processes.Select(p => (p.Label, p.Pid, CpuOf(p.Pid)))];

    /// <summary>Starts measuring "this process" and each of <paramref name="others"/> (a null pid prints n/a).</summary>
    public static ProcessCpu Start(params (string Label, int? Pid)[] others) =>
        new([("this process", Environment.ProcessId), .. others]);

    /// <summary>CPU time per process since the start, in the order given.</summary>
    private IReadOnlyList<(string Label, TimeSpan? Used)> Used() =>
        [.. _processes.Select(p => (p.Label, CpuOf(p.Pid) - p.Start))];

    /// <summary>One line: each process's CPU seconds and share of a core, per <paramref name="units"/> unit when given, the wall time and the load average.</summary>
    public string Line(int units = 0, string unit = "event")
    {
        var wall = _wall.Elapsed.TotalSeconds;
        var parts = Used().Select(p => p.Used is { } used
            ? string.Create(CultureInfo.InvariantCulture, $"{p.Label} {used.TotalSeconds:0.0} s ({used.TotalSeconds / wall:P0} of a core{(units > 0 ? $", {used.TotalMilliseconds / units:0.00} ms per {unit}" : "")})")
            : p.Label + " n/a");
        return string.Create(CultureInfo.InvariantCulture, $"CPU: {string.Join(", ", parts)}, over {wall:0.0} s; load average {LoadAverage()}");
    }

    /// <summary>The one-minute load average (Linux), or "n/a".</summary>
    public static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static TimeSpan? CpuOf(int? pid)
    {
        if (pid is not { } id)
        {
            return null;
        }

        try
        {
            using var process = Process.GetProcessById(id);
            return process.TotalProcessorTime;
        }
        catch (ArgumentException)
        {
            return null; // exited
        }
    }
}
