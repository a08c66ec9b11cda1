using ArFunctions.Application.Tests.Builders;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace ArFunctions.Application.Tests;

public sealed class BusinessClockToday
{
    // 2026-11-23 22:30 UTC is already 2026-11-24 in Auckland (UTC+13 in November) and still 2026-11-23 in New York.
    private static readonly DateTimeOffset LateEveningUtc = new(2026, 11, 23, 22, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Pacific/Auckland", "2026-11-24")]
    [InlineData("America/New_York", "2026-11-23")]
    [InlineData("UTC", "2026-11-23")]
    public void IsTheDateInTheBusinessTimeZoneNotTheHosts(string zone, string expected)
    {
        var clock = new BusinessClock(new FixedTime(LateEveningUtc), TimeZoneInfo.FindSystemTimeZoneById(zone));

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), clock.Today);
        Assert.Equal(LateEveningUtc, clock.UtcNow);
    }

    [Fact]
    public void TurnsAnInstantIntoTheBusinessDateItFellOn()
    {
        var clock = new BusinessClock(new FixedTime(LateEveningUtc), TimeZoneInfo.FindSystemTimeZoneById("Pacific/Auckland"));

        Assert.Equal(new DateOnly(2026, 11, 23), clock.DateOf(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2026, 11, 24), clock.DateOf(new DateTimeOffset(2026, 11, 23, 11, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void FollowsTheConfiguredZoneWhicheverExtensionRegisteredTheClockFirst(bool clockRegisteredBefore)
    {
        var fake = new FakeTimeProvider(LateEveningUtc);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ArFunctions:DailyRun:BusinessTimeZone"] = "Pacific/Auckland" });
        if (clockRegisteredBefore)
        {
            // What another project's Add* call (the email sender's, say) does when it runs first.
            builder.Services.TryAddSingleton(TimeProvider.System);
        }

        builder.AddArFunctionsApplication();
        builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(fake));
        if (!clockRegisteredBefore)
        {
            builder.Services.TryAddSingleton(TimeProvider.System);
        }

        using var services = builder.Services.BuildServiceProvider();

        Assert.Equal(new DateOnly(2026, 11, 24), services.GetRequiredService<BusinessClock>().Today);
    }
}
