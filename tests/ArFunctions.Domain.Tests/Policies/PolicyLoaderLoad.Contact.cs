using ArFunctions.Domain.Policies;

namespace ArFunctions.Domain.Tests.Policies;

/// <summary>The customer-contact settings that issue 16 added: business-day contact and the email locale.</summary>
public partial class PolicyLoaderLoad
{
    [Fact]
    public void ContactsOnAnyDayGivenNoBusinessDaySwitch()
    {
        var policy = PolicyJson.LoadValid(PolicyJson.With(_ => { }));

        Assert.False(policy.Contact.BusinessDaysOnly);
        Assert.Equal(LocaleSettings.Standard, policy.Locale);
        Assert.Equal("en-US", policy.Locale.For("DE"));
    }

    [Fact]
    public void ReadsBusinessDaysOnlyGivenTheSwitch() =>
        Assert.True(PolicyJson.LoadValid(PolicyJson.With(root => root["contactOnBusinessDaysOnly"] = true)).Contact.BusinessDaysOnly);

    [Fact]
    public void ReadsTheLocaleByCountryGivenTheLocaleSection()
    {
        var locale = PolicyJson.LoadValid(WithSection("locale", """{ "default": "en-GB", "countries": { "DE": "de-DE", "US": "en-US" } }""")).Locale;

        Assert.Equal(("de-DE", "de-DE", "en-US", "en-GB", "en-GB"), (locale.For("DE"), locale.For("de"), locale.For("US"), locale.For("FR"), locale.For("")));
    }

    [Theory]
    [InlineData("""{ "default": "xx-YY" }""", "locale.default", "'xx-YY' is not a known locale")]
    [InlineData("""{ "default": "de" }""", "locale.default", "'de' is not a known locale")]
    [InlineData("""{ "countries": { "Germany": "de-DE" } }""", "locale.countries.Germany", "'Germany' is not a country code")]
    [InlineData("""{ "countries": { "DE": 49 } }""", "locale.countries.DE", "expected a string, got a number")]
    [InlineData("""{ "defualt": "en-US" }""", "locale.defualt", "unknown property 'defualt', did you mean 'default'?")]
    public void RejectsTheLocaleGivenAnUnknownCultureOrCountry(string json, string path, string message) =>
        PolicyJson.SingleError(WithSection("locale", json), path, message);

    [Fact]
    public void RejectsTheBusinessDaySwitchGivenAString() =>
        PolicyJson.SingleError(WithSection("contactOnBusinessDaysOnly", "\"yes\""), "contactOnBusinessDaysOnly", "expected");
}
