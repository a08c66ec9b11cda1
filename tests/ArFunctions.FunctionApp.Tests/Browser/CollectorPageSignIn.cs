using System.Net;
using System.Text.Json;
using ArFunctions.FunctionApp.Tests.Infrastructure;
using Microsoft.Playwright;

namespace ArFunctions.FunctionApp.Tests.Browser;

/// <summary>
/// The collector page signs people in: in headless Chromium a collector sees only their own list, a lead every list,
/// and without the development principal source the page sends the browser to the platform's Entra ID sign-in.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CollectorPageSignIn(AzuriteFixture azurite) : WorkerTestBase(azurite)
{
    [Fact]
    public async Task ACollectorSeesOnlyTheirOwnListAndALeadEveryList()
    {
        await App.SeedAsync();
        await App.RunDayAsync();
        var lead = App.SignedIn(PageSignIn.Lead);
        await using var chromium = await Chromium.LaunchAsync();

        var collectorPage = await chromium.NewPageAsync();
        await collectorPage.GotoAsync($"{Server()}/api/app/?collector=alice");
        await PageSignIn.SignInAsync(collectorPage, "carol@ar.example.com", "Collector");
        await Assertions.Expect(collectorPage.Locator("#collector option")).ToHaveCountAsync(1);
        Assert.Equal("carol", await collectorPage.Locator("#collector").InputValueAsync());
        await ExpectListAsync(collectorPage, await CustomersAsync(lead, "carol"));

        var leadPage = await chromium.NewPageAsync();
        await leadPage.GotoAsync($"{Server()}/api/app/");
        await PageSignIn.SignInAsync(leadPage, "lena@ar.example.com", "Lead");
        await Assertions.Expect(leadPage.Locator("#collector option")).ToHaveCountAsync(PageSignIn.Collectors.Length);
        Assert.Equal(PageSignIn.Collectors, await leadPage.Locator("#collector option").AllInnerTextsAsync());
        await leadPage.Locator("#collector").SelectOptionAsync("dave");
        await ExpectListAsync(leadPage, await CustomersAsync(lead, "dave"));
        await Assertions.Expect(leadPage.Locator("#who")).ToHaveTextAsync("Signed in as lena@ar.example.com (Lead)");
    }

    [Fact]
    public async Task ThePageSendsTheBrowserToEntraIdSignInWhenNobodyIsSignedIn()
    {
        await App.DisposeAsync();
        await using var app = await WorkerApp.StartAsync(App.ConnectionString);
        await using var chromium = await Chromium.LaunchAsync();
        var page = await chromium.NewPageAsync();
        var signIns = new List<string>();
        await page.RouteAsync("**/.auth/**", async route =>
        {
            // The platform's sign-in is not here: stand in for it, and note where the page sent the browser.
            signIns.Add(new Uri(route.Request.Url).PathAndQuery);
            await route.FulfillAsync(new() { Status = 200, ContentType = "text/html", Body = "<p>Entra ID sign-in</p>" });
        });

        await page.GotoAsync(app.Host.BaseAddress.ToString().TrimEnd('/') + "/api/app/");

        await page.WaitForURLAsync("**/.auth/login/aad?post_login_redirect_uri=/api/app/");
        Assert.Equal(["/.auth/login/aad?post_login_redirect_uri=/api/app/"], signIns);
        await Assertions.Expect(page.Locator("#dev-sign-in")).ToHaveCountAsync(0);
    }

    protected override IDictionary<string, string?>? Settings() => PageSignIn.DevelopmentSignIn;

    private string Server() => App.Host.BaseAddress.ToString().TrimEnd('/');

    private static async Task ExpectListAsync(IPage page, List<string> customers)
    {
        var rows = page.Locator("#worklist > li");
        await Assertions.Expect(rows).ToHaveCountAsync(customers.Count, new() { Timeout = 20_000 });
        Assert.Equal(customers, await rows.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.customerId)"));
    }

    private static async Task<List<string>> CustomersAsync(HttpClient lead, string collector) =>
        [.. (await (await lead.GetAsync($"/api/worklists/{collector}")).ReadJsonAsync()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("customerId").GetString()!)];
}

/// <summary>Signing in to the page in local development (the development principal source), for the browser tests.</summary>
public static class PageSignIn
{
    public static readonly string[] Collectors = ["alice", "bob", "carol", "dave", "erin"];

    /// <summary>The worker settings of a local-development app: the development principal source on.</summary>
    public static Dictionary<string, string?> DevelopmentSignIn => new()
    {
        ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development",
        ["ArFunctions__Identity__DevelopmentPrincipals"] = "true",
    };

    public static string Lead => Principals.Of("00000000-0000-0000-0000-0000000001ea", "lena@ar.example.com", "Lead");

    /// <summary>The first collector (in <see cref="Collectors"/> order) with a customer on their list, and that customer.</summary>
    public static async Task<(string Collector, string Customer)> FirstListedAsync(WorkerApp app)
    {
        foreach (var collector in Collectors)
        {
            var response = await app.SignedIn(Lead).GetAsync($"/api/worklists/{collector}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var first = (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray().FirstOrDefault();
            if (first.ValueKind == JsonValueKind.Object)
            {
                return (collector, first.GetProperty("customerId").GetString()!);
            }
        }

        throw new InvalidOperationException("no collector has a customer on the list after the sample day");
    }

    /// <summary>Signs in through the page's local-development form.</summary>
    public static async Task SignInAsync(IPage page, string upn, string role)
    {
        await Assertions.Expect(page.Locator("#dev-sign-in")).ToBeVisibleAsync();
        await page.Locator("#dev-upn").FillAsync(upn);
        await page.Locator("#dev-role").SelectOptionAsync(role);
        await page.Locator("#dev-submit").ClickAsync();
        await Assertions.Expect(page.Locator("#dev-sign-in")).ToBeHiddenAsync();
    }
}
