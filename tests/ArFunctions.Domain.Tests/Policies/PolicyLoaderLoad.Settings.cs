using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Domain.Tests.Policies;

public partial class PolicyLoaderLoad
{
    private static string WithSection(string name, string json) => PolicyJson.With(root => root[name] = PolicyJson.Node(json));

    [Fact]
    public void ReadsCurrencyAndRates()
    {
        var currency = PolicyJson.LoadValid(WithSection("currency", """{ "base": "EUR", "rates": { "USD": 0.92, "GBP": 1.17 } }""")).Currency;

        Assert.Equal(new CurrencyCode("EUR"), currency.BaseCurrency);
        Assert.Equal(92m, currency.ToBase(100m, new CurrencyCode("USD")));
    }

    [Fact]
    public void RejectsCurrencyGivenLowerCaseCode() =>
        PolicyJson.SingleError(WithSection("currency", """{ "base": "usd" }"""), "currency.base", "'usd' is not an ISO 4217 currency code");

    [Fact]
    public void ReportsEachBadRateGivenSeveral()
    {
        var result = PolicyLoader.Load(WithSection("currency", """{ "rates": { "EUR": 0, "euro": 1.1, "USD": 1, "GBP": "1.2" } }"""));

        Assert.Equal(
            [
                "currency.rates.EUR: must be greater than 0, got 0",
                "currency.rates.euro: 'euro' is not an ISO 4217 currency code (three upper-case letters)",
                "currency.rates.USD: 'USD' is the base currency; it needs no rate",
                "currency.rates.GBP: expected a number, got a string",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void ReadsBaseline()
    {
        var baseline = PolicyJson.LoadValid(WithSection("baseline", """{ "firstContactTemplate": "statement", "dates": ["2026-12-07"] }""")).Baseline;

        Assert.Equal("statement", baseline.FirstContactTemplate);
        Assert.Equal([new DateOnly(2026, 12, 7)], baseline.Dates);
    }

    [Fact]
    public void DefaultsBaselineToTheOverdueTemplateAndNoDates()
    {
        var baseline = PolicyJson.LoadValid(PolicyJson.With(_ => { })).Baseline;

        Assert.Equal(("overdue", 0), (baseline.FirstContactTemplate, baseline.Dates.Count));
    }

    [Fact]
    public void RejectsBaselineGivenATemplateTheDeploymentDoesNotShip() =>
        PolicyJson.HasError(
            PolicyLoader.Load(WithSection("baseline", """{ "firstContactTemplate": "overdeu" }"""), new PolicyLoadOptions { KnownTemplates = new HashSet<string> { "overdue", "firm" } }),
            "baseline.firstContactTemplate",
            "unknown template 'overdeu', did you mean 'overdue'?");

    [Fact]
    public void ReadsTheTemplatesThatAttachTheStatement()
    {
        var emails = PolicyJson.LoadValid(WithSection("emails", """{ "attachStatement": ["statement", "final"] }""")).Emails;

        Assert.Equal(["final", "statement"], emails.AttachStatement.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void DefaultsToNoStatementAttachmentGivenNoEmailsSection() =>
        Assert.Empty(PolicyJson.LoadValid(PolicyJson.With(_ => { })).Emails.AttachStatement);

    [Fact]
    public void RejectsAttachStatementGivenATemplateTheDeploymentDoesNotShip() =>
        PolicyJson.HasError(
            PolicyLoader.Load(WithSection("emails", """{ "attachStatement": ["statment"] }"""), new PolicyLoadOptions { KnownTemplates = new HashSet<string> { "statement", "firm" } }),
            "emails.attachStatement[0]",
            "unknown template 'statment', did you mean 'statement'?");

    [Fact]
    public void RejectsAttachStatementGivenATemplateListedTwice() =>
        PolicyJson.HasError(PolicyLoader.Load(WithSection("emails", """{ "attachStatement": ["final", "final"] }""")), "emails.attachStatement[1]", "is listed twice");

    [Fact]
    public void ReadsCalendar()
    {
        var calendar = PolicyJson.LoadValid(WithSection("calendar", """{ "weekend": ["friday", "saturday"], "holidays": ["2026-12-25"] }""")).Calendar;

        Assert.Equal([DayOfWeek.Friday, DayOfWeek.Saturday], calendar.Weekend);
        Assert.False(calendar.IsBusinessDay(new DateOnly(2026, 12, 25)));
        Assert.True(calendar.IsBusinessDay(new DateOnly(2026, 12, 27)));
    }

    [Fact]
    public void SuggestsDayGivenMisspelledWeekendDay() =>
        PolicyJson.SingleError(WithSection("calendar", """{ "weekend": ["saturdy", "sunday"] }"""), "calendar.weekend[0]", "unknown day 'saturdy', did you mean 'saturday'?");

    [Fact]
    public void RejectsWeekendGivenEveryDay() =>
        PolicyJson.SingleError(
            WithSection("calendar", """{ "weekend": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] }"""),
            "calendar.weekend",
            "a week needs at least one business day");

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("12/25/2026")]
    public void RejectsHolidayGivenNonIsoDate(string date) =>
        PolicyJson.SingleError(WithSection("calendar", $$"""{ "holidays": ["{{date}}"] }"""), "calendar.holidays[0]", $"'{date}' is not an ISO date (yyyy-MM-dd)");

    [Fact]
    public void ReadsDisputeCategories()
    {
        var policy = PolicyJson.LoadValid(WithSection("disputeCategories", """[ { "id": "pricing", "owner": "sales", "slaDays": 10, "description": "Wrong price." } ]"""));

        Assert.Equal(new DisputeCategory("pricing", "sales", 10, "Wrong price."), Assert.Single(policy.DisputeCategories));
    }

    [Fact]
    public void ReportsEveryDisputeCategoryProblem()
    {
        var result = PolicyLoader.Load(WithSection("disputeCategories", """[ { "id": "pricing", "owner": "sales", "slaDays": 10 }, { "id": "pricing", "slaDays": 0 } ]"""));

        Assert.Equal(
            [
                "disputeCategories[1].owner: is required",
                "disputeCategories[1].slaDays: must be between 1 and 365, got 0",
                "disputeCategories[1].id: duplicate dispute category id 'pricing' (first declared at disputeCategories[0])",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Theory]
    [InlineData("hysteresis", """{ "daysToRelax": 91 }""", "hysteresis.daysToRelax", "must be between 0 and 90")]
    [InlineData("contactCap", """{ "perCustomerPerWeek": 0 }""", "contactCap.perCustomerPerWeek", "must be between 1 and 21")]
    [InlineData("promises", """{ "graceDays": 31 }""", "promises.graceDays", "must be between 0 and 30")]
    [InlineData("promises", """{ "escalateTo": "" }""", "promises.escalateTo", "must not be empty")]
    [InlineData("minimumBalance", "-1", "minimumBalance", "must be at least 0, got -1")]
    [InlineData("worklist", """{ "capacityPerCollector": 501 }""", "worklist.capacityPerCollector", "must be between 1 and 500")]
    [InlineData("worklist", """{ "collectors": [ { "id": "a", "capacity": 0 } ] }""", "worklist.collectors[0].capacity", "must be between 1 and 500")]
    [InlineData("worklist", """{ "collectors": [ { "id": "a" }, { "id": "a" } ] }""", "worklist.collectors[1].id", "duplicate collector id 'a'")]
    [InlineData("worklist", """{ "collectors": [ { "id": "a", "identity": "alice" } ] }""", "worklist.collectors[0].identity", "'alice' is neither an Entra ID object id (a GUID) nor a UPN (name@domain)")]
    [InlineData("worklist", """{ "collectors": [ { "id": "a", "identity": "a@x.com" }, { "id": "b", "identity": "A@X.com" } ] }""", "worklist.collectors[1].identity", "identity 'A@X.com' is already collector")]
    [InlineData("ranking", """{ "risk": 1.5 }""", "ranking.risk", "must be between -1 and 1, got 1.5")]
    [InlineData("ranking", """{ "overdueBalanse": 0.4 }""", "ranking.overdueBalanse", "unknown property 'overdueBalanse', did you mean 'overdueBalance'?")]
    [InlineData("contactFallback", """["controler"]""", "contactFallback[0]", "unknown contact role 'controler', did you mean 'controller'?")]
    [InlineData("contactFallback", """["cfo", "cfo"]""", "contactFallback[1]", "'cfo' is listed twice")]
    [InlineData("contactFallback", "[]", "contactFallback", "needs at least one contact role")]
    [InlineData("version", "3", "version", "expected a string, got a number")]
    public void RejectsSettingGivenValueOutsideItsRules(string section, string json, string path, string message) =>
        PolicyJson.SingleError(WithSection(section, json), path, message);

    [Fact]
    public void ReadsSettingsGivenEverySection()
    {
        var policy = PolicyJson.LoadValid(PolicyJson.With(root =>
        {
            root["hysteresis"] = PolicyJson.Node("""{ "daysToRelax": 14 }""");
            root["contactCap"] = PolicyJson.Node("""{ "perCustomerPerWeek": 2 }""");
            root["contactFallback"] = PolicyJson.Node("""["controller", "cfo"]""");
            root["promises"] = PolicyJson.Node("""{ "graceDays": 5, "escalateTo": "credit-manager" }""");
            root["minimumBalance"] = 25.5;
            root["worklist"] = PolicyJson.Node("""{ "capacityPerCollector": 30, "collectors": [ { "id": "alice", "team": "keys", "capacity": 10, "identity": "alice@contoso.com" }, { "id": "bob", "identity": "5f1c3a9e-2b7d-4e61-9a0c-8d2e4f6a1b3c" } ] }""");
            root["ranking"] = PolicyJson.Node("""{ "risk": 0.5, "interactionDifficulty": -0.2 }""");
        }));

        Assert.Equal(14, policy.Hysteresis.DaysToRelax);
        Assert.Equal(new ContactSettings(2, [ContactRole.Controller, ContactRole.Cfo]).PerCustomerPerWeek, policy.Contact.PerCustomerPerWeek);
        Assert.Equal([ContactRole.Controller, ContactRole.Cfo], policy.Contact.FallbackOrder);
        Assert.Equal(new PromiseSettings(5, "credit-manager"), policy.Promises);
        Assert.Equal(25.5m, policy.MinimumBalance);
        Assert.Equal(40, policy.Worklist.TotalCapacity);
        Assert.Equal(new CollectorDefinition("alice", "keys", 10, "alice@contoso.com"), policy.Worklist.Collectors[0]);
        Assert.Equal("5f1c3a9e-2b7d-4e61-9a0c-8d2e4f6a1b3c", policy.Worklist.Collectors[1].Identity);
        Assert.Equal(new RankingWeights(Risk: 0.5, InteractionDifficulty: -0.2), policy.Ranking);
    }
}
