namespace ArFunctions.Domain.Common;

/// <summary>Whether a strategy counts step offsets in calendar days or in business days.</summary>
public enum DayCounting
{
    Calendar,
    Business,
}

/// <summary>
/// Weekends and holidays of the business. Offsets between dates are O(1): business days are counted
/// with a prefix sum over 2000-01-01 to 2099-12-31, and by walking the days outside that window.
/// </summary>
public sealed class BusinessCalendar
{
    private static readonly int WindowStart = new DateOnly(2000, 1, 1).DayNumber;
    private static readonly int WindowEnd = new DateOnly(2099, 12, 31).DayNumber;

    private readonly bool[] _weekend = new bool[7];
    private readonly HashSet<DateOnly> _holidays;
    private readonly Lazy<int[]> _businessDaysBefore;

    public BusinessCalendar(IEnumerable<DayOfWeek> weekend, IEnumerable<DateOnly> holidays)
    {
        foreach (var day in weekend)
        {
            _weekend[(int)day] = true;
        }

        if (_weekend.All(w => w))
        {
            throw new ArgumentException("A week needs at least one business day.", nameof(weekend));
        }

        _holidays = [.. holidays];
        Weekend = Enum.GetValues<DayOfWeek>().Where(d => _weekend[(int)d]).ToArray();
        Holidays = _holidays.Order().ToArray();
        _businessDaysBefore = new Lazy<int[]>(BuildPrefix);
    }

    /// <summary>Saturday and Sunday off, no holidays.</summary>
    public static BusinessCalendar Default { get; } = new([DayOfWeek.Saturday, DayOfWeek.Sunday], []);

    public IReadOnlyList<DayOfWeek> Weekend { get; }

    public IReadOnlyList<DateOnly> Holidays { get; }

    public bool IsBusinessDay(DateOnly date) => !_weekend[(int)date.DayOfWeek] && !_holidays.Contains(date);

    /// <summary>
    /// How far <paramref name="asOf"/> is from <paramref name="dueDate"/>. In calendar days: the plain difference.
    /// In business days: on or after the due date, the business days in (dueDate, asOf]; before it, minus the
    /// business days in [asOf, dueDate). A step with offset <c>d</c> is due once <c>Offset(...) &gt;= d</c>.
    /// </summary>
    public int Offset(DateOnly dueDate, DateOnly asOf, DayCounting counting)
    {
        if (counting == DayCounting.Calendar)
        {
            return asOf.DayNumber - dueDate.DayNumber;
        }

        return asOf >= dueDate
            ? CountBusinessDays(dueDate.DayNumber + 1, asOf.DayNumber + 1)
            : -CountBusinessDays(asOf.DayNumber, dueDate.DayNumber);
    }

    /// <summary>The first date on which a step with offset <paramref name="day"/> is due.</summary>
    public DateOnly StepDate(DateOnly dueDate, int day, DayCounting counting)
    {
        if (counting == DayCounting.Calendar)
        {
            return dueDate.AddDays(day);
        }

        // Offset is non-decreasing in asOf: step from a calendar-day guess towards the first date that reaches it.
        var date = dueDate.AddDays(day);
        while (Offset(dueDate, date, counting) >= day)
        {
            date = date.AddDays(-1);
        }

        do
        {
            date = date.AddDays(1);
        }
        while (Offset(dueDate, date, counting) < day);

        return date;
    }

    /// <summary>Business days in the half-open day-number range [from, to).</summary>
    private int CountBusinessDays(int from, int to)
    {
        if (to <= from)
        {
            return 0;
        }

        if (from >= WindowStart && to <= WindowEnd + 1)
        {
            var prefix = _businessDaysBefore.Value;
            return prefix[to - WindowStart] - prefix[from - WindowStart];
        }

        var count = 0;
        for (var day = from; day < to; day++)
        {
            if (IsBusinessDay(DateOnly.FromDayNumber(day)))
            {
                count++;
            }
        }

        return count;
    }

    private int[] BuildPrefix()
    {
        var length = WindowEnd - WindowStart + 2;
        var prefix = new int[length];
        for (var i = 1; i < length; i++)
        {
            prefix[i] = prefix[i - 1] + (IsBusinessDay(DateOnly.FromDayNumber(WindowStart + i - 1)) ? 1 : 0);
        }

        return prefix;
    }
}
