using ArFunctions.Domain.Common;
using ArFunctions.Domain.Segmentation;

namespace ArFunctions.Application.DailyRuns;

/// <summary>
/// What the daily run keeps about a customer between days: its segment state (for hysteresis), its balance rank
/// from the last completed run, and the days it was contacted recently (for the weekly contact cap).
/// </summary>
public sealed record CustomerState(CustomerId CustomerId, SegmentState? Segment, IReadOnlyList<DateOnly> RecentContacts)
{
    /// <summary>Customer-facing contacts on the six days before <paramref name="asOf"/>.</summary>
    public int ContactsInLast6Days(DateOnly asOf)
    {
        var count = 0;
        foreach (var day in RecentContacts)
        {
            var daysAgo = asOf.DayNumber - day.DayNumber;
            count += daysAgo is >= 1 and <= 6 ? 1 : 0;
        }

        return count;
    }

    /// <summary>Adds a contact on <paramref name="asOf"/> and forgets contacts older than a week.</summary>
    public IReadOnlyList<DateOnly> WithContact(DateOnly asOf)
    {
        var kept = new List<DateOnly>(RecentContacts.Count + 1);
        foreach (var day in RecentContacts)
        {
            if (asOf.DayNumber - day.DayNumber is >= 1 and <= 6)
            {
                kept.Add(day);
            }
        }

        kept.Add(asOf);
        return kept;
    }
}
