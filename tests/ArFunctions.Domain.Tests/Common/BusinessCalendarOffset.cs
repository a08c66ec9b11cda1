using ArFunctions.Domain.Common;

namespace ArFunctions.Domain.Tests.Common;

public class BusinessCalendarOffset
{
    // 2026-11-20 is a Friday; 2026-11-23 a Monday.
    private static readonly DateOnly Friday = new(2026, 11, 20);
    private static readonly BusinessCalendar Calendar = new([DayOfWeek.Saturday, DayOfWeek.Sunday], [new DateOnly(2026, 11, 26)]);

    [Fact]
    public void CountsPlainDaysGivenCalendarCounting() =>
        Assert.Equal(3, Calendar.Offset(Friday, Friday.AddDays(3), DayCounting.Calendar));

    [Fact]
    public void SkipsTheWeekendGivenBusinessCounting() =>
        Assert.Equal(1, Calendar.Offset(Friday, Friday.AddDays(3), DayCounting.Business));

    [Fact]
    public void SkipsHolidaysGivenBusinessCounting() =>
        // Mon 23, Tue 24, Wed 25, (Thu 26 holiday), Fri 27
        Assert.Equal(4, Calendar.Offset(Friday, new DateOnly(2026, 11, 27), DayCounting.Business));

    [Fact]
    public void IsNegativeBeforeTheDueDateGivenBusinessCounting() =>
        // [Mon 16 .. Fri 20) holds Mon, Tue, Wed, Thu
        Assert.Equal(-4, Calendar.Offset(Friday, new DateOnly(2026, 11, 16), DayCounting.Business));

    [Fact]
    public void IsZeroOnTheDueDate() => Assert.Equal(0, Calendar.Offset(Friday, Friday, DayCounting.Business));

    [Fact]
    public void AgreesWithWalkingDayByDayOutsideThePrefixWindow()
    {
        var due = new DateOnly(2099, 12, 20);
        var asOf = new DateOnly(2100, 1, 15);
        var walked = 0;
        for (var d = due.AddDays(1); d <= asOf; d = d.AddDays(1))
        {
            walked += Calendar.IsBusinessDay(d) ? 1 : 0;
        }

        Assert.Equal(walked, Calendar.Offset(due, asOf, DayCounting.Business));
    }

    [Theory]
    [InlineData(-5)]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(10)]
    public void StepDateIsTheFirstDateWhoseOffsetReachesTheStep(int day)
    {
        var date = Calendar.StepDate(Friday, day, DayCounting.Business);
        Assert.True(Calendar.Offset(Friday, date, DayCounting.Business) >= day);
        Assert.True(Calendar.Offset(Friday, date.AddDays(-1), DayCounting.Business) < day);
    }

    [Fact]
    public void RefusesAWeekWithoutBusinessDays() =>
        Assert.Throws<ArgumentException>(() => new BusinessCalendar(Enum.GetValues<DayOfWeek>(), []));
}
