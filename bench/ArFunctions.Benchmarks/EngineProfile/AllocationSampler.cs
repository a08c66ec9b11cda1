using System.Diagnostics.Tracing;

namespace ArFunctions.Benchmarks.EngineProfile;

/// <summary>
/// Samples the runtime's allocation events (one per about 100 KB allocated, naming the type that crossed the mark) and
/// sums them by type: which types the measured days allocate, to within the sampling. Listens while enabled.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    private readonly Dictionary<string, long> _bytes = new(StringComparer.Ordinal);

    public bool Recording { get; set; }

    public IEnumerable<(string Type, long Bytes)> ByType() =>
        _bytes.OrderByDescending(pair => pair.Value).Select(pair => (pair.Key, pair.Value));

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!Recording || !eventData.EventName!.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.Payload is null)
        {
            return;
        }

        var type = eventData.PayloadNames!.IndexOf("TypeName") is var t and >= 0 ? eventData.Payload[t] as string ?? "?" : "?";
        var amount = eventData.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(eventData.Payload[a]) : 0L;
        lock (_bytes)
        {
            _bytes[type] = _bytes.GetValueOrDefault(type) + amount;
        }
    }
}
