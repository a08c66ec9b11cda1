using ArFunctions.FunctionApp.Tests.Infrastructure;
using Microsoft.Playwright;

namespace ArFunctions.FunctionApp.Tests.Browser;

/// <summary>The collector page's "Preview a policy" view: a lead pastes a draft and sees its differences; a collector has no such view.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CollectorPagePreviewPolicy(AzuriteFixture azurite) : WorkerTestBase(azurite)
{
    private const string StandardDay5Email = """{ "day": 5, "action": "email", "template": "overdue" }""";

    [Fact]
    public async Task ShowsALeadTheDraftsChangesAndNothingForThePolicyInForceAndHidesTheViewFromACollector()
    {
        await App.SeedAsync();
        var policy = await (await Client.GetAsync("/api/policy")).Content.ReadAsStringAsync();
        var draft = policy.Replace(StandardDay5Email, """{ "day": 5, "action": "email", "template": "final" }""", StringComparison.Ordinal);

        // The seeded day is every customer's first run (a baseline), where a later email speaks as a first contact: the
        // draft changes that template too, so its emails differ on this day as well.
        draft = "{ \"baseline\": { \"firstContactTemplate\": \"final\" }," + draft.TrimStart()[1..];
        await using var chromium = await Chromium.LaunchAsync();

        var leadPage = await chromium.NewPageAsync();
        await leadPage.GotoAsync($"{Server()}/api/app/");
        await PageSignIn.SignInAsync(leadPage, "lena@ar.example.com", "Lead");
        await Assertions.Expect(leadPage.Locator("#preview")).ToBeVisibleAsync();
        await leadPage.Locator("#preview summary").ClickAsync();
        await leadPage.Locator("#preview-draft").FillAsync(draft);
        await leadPage.Locator("#preview-run").ClickAsync();
        await Assertions.Expect(leadPage.Locator("#preview-summary")).ToContainTextAsync("customer(s) would change");
        await Assertions.Expect(leadPage.Locator("#preview-differences")).ToContainTextAsync("changed (template)");
        await Assertions.Expect(leadPage.Locator("#preview-differences")).ToContainTextAsync("email final");
        await Assertions.Expect(leadPage.Locator("#preview-segments")).ToContainTextAsync("standard");
        await Assertions.Expect(leadPage.Locator("#preview-collectors")).ToContainTextAsync("carol");

        await leadPage.Locator("#preview-draft").FillAsync(policy);
        await leadPage.Locator("#preview-run").ClickAsync();
        await Assertions.Expect(leadPage.Locator("#preview-summary")).ToContainTextAsync("The draft changes nothing on that day");

        await leadPage.Locator("#preview-draft").FillAsync(draft.Replace("\"template\": \"final\"", "\"template\": \"final\", \"tone\": 1", StringComparison.Ordinal));
        await leadPage.Locator("#preview-run").ClickAsync();
        await Assertions.Expect(leadPage.Locator("#preview-result [role=alert]")).ToContainTextAsync("strategies[2].steps[3].tone");

        var collectorPage = await chromium.NewPageAsync();
        await collectorPage.GotoAsync($"{Server()}/api/app/");
        await PageSignIn.SignInAsync(collectorPage, "carol@ar.example.com", "Collector");
        await Assertions.Expect(collectorPage.Locator("#who")).ToContainTextAsync("carol@ar.example.com");
        await Assertions.Expect(collectorPage.Locator("#preview")).ToBeHiddenAsync();
    }

    protected override IDictionary<string, string?>? Settings() => PageSignIn.DevelopmentSignIn;

    private string Server() => App.Host.BaseAddress.ToString().TrimEnd('/');
}
