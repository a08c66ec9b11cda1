using System.Diagnostics;

namespace ArFunctions.Benchmarks.WebhookLoad;

/// <summary>
/// The timed part of a phase: its first <c>untimed</c> deliveries are made like the others but warm the path up (the
/// worker's JIT, the SDK's pipelines, connection pools), and the clock, with whatever <c>onStart</c> starts (the CPU
/// counters), runs from the moment delivery <c>untimed</c> is claimed. Receiving and its floor use the same window, so
/// both are measured warm.
/// </summary>
internal sealed class SteadyWindow(int untimed, Func<ProcessCpu> onStart)
{
    private long _start;

    public int Untimed { get; } = untimed;

    public ProcessCpu? Cpu { get; private set; }

    /// <summary>Called with each index a worker claims; starts the clock at index <see cref="Untimed"/>.</summary>
    public void Claimed(int index)
    {
        if (index == Untimed)
        {
            Cpu = onStart();
            Volatile.Write(ref _start, Stopwatch.GetTimestamp());
        }
    }

    /// <summary>Wall time from the start of the timed part.</summary>
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(Volatile.Read(ref _start));
}
