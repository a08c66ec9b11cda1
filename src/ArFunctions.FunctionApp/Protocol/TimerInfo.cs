using System.Text.Json;

namespace ArFunctions.FunctionApp.Protocol;

/// <summary>A timer trigger's binding value: <c>{ "Schedule": {...}, "ScheduleStatus": { "Last", "Next", "LastUpdated" }, "IsPastDue": bool }</c>.</summary>
internal sealed record TimerInfo(bool IsPastDue, DateTimeOffset? Last, DateTimeOffset? Next)
{
    public static TimerInfo Read(JsonElement? binding)
    {
        if (binding is not { ValueKind: JsonValueKind.Object } timer)
        {
            return new TimerInfo(false, null, null);
        }

        var pastDue = timer.TryGetProperty(nameof(IsPastDue), out var p) && p.ValueKind == JsonValueKind.True;
        DateTimeOffset? last = null, next = null;
        if (timer.TryGetProperty("ScheduleStatus", out var status) && status.ValueKind == JsonValueKind.Object)
        {
            last = Instant(status, "Last");
            next = Instant(status, "Next");
        }

        return new TimerInfo(pastDue, last, next);
    }

    private static DateTimeOffset? Instant(JsonElement status, string name) =>
        status.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var instant)
            ? instant
            : null;
}
