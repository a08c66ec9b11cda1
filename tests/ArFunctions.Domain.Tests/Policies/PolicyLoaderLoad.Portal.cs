using ArFunctions.Domain.Policies;

namespace ArFunctions.Domain.Tests.Policies;

public partial class PolicyLoaderLoad
{
    [Fact]
    public void ReadsThePortalSection()
    {
        var portal = PolicyJson.LoadValid(WithSection("portal", """{ "linkDays": 14, "promises": { "maxDaysAhead": 21, "minShare": 0.25 } }""")).Portal;

        Assert.Equal(new PortalSettings(14, new PortalPromiseSettings(21, 0.25m)), portal);
    }

    [Fact]
    public void DefaultsThePortalToThirtyDayLinksAndHalfShareWithinThirtyDaysGivenNoSection() =>
        Assert.Equal(new PortalSettings(30, new PortalPromiseSettings(30, 0.5m)), PolicyJson.LoadValid(PolicyJson.With(_ => { })).Portal);

    [Fact]
    public void KeepsThePromiseDefaultsGivenOnlyLinkDays() =>
        Assert.Equal(new PortalSettings(7, PortalPromiseSettings.Default), PolicyJson.LoadValid(WithSection("portal", """{ "linkDays": 7 }""")).Portal);

    [Fact]
    public void ReportsEachBadPortalValueGivenSeveral()
    {
        var result = PolicyLoader.Load(WithSection("portal", """{ "linkDays": 0, "promises": { "maxDaysAhead": 400, "minShare": 1.5, "minShar": 1 } }"""));

        Assert.Equal(
            [
                "portal.linkDays: must be between 1 and 365, got 0",
                "portal.promises.minShar: unknown property 'minShar', did you mean 'minShare'?",
                "portal.promises.maxDaysAhead: must be between 1 and 365, got 400",
                "portal.promises.minShare: must be a share from 0 to 1 (0.5 is half), got 1.5",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void RejectsANegativeMinShare() =>
        PolicyJson.SingleError(WithSection("portal", """{ "promises": { "minShare": -0.1 } }"""), "portal.promises.minShare", "must be at least 0, got -0.1");
}
