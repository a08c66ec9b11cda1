using System.Net;
using System.Text.Json;
using ArFunctions.FunctionApp.Tests.Infrastructure;
using Microsoft.Playwright;

namespace ArFunctions.FunctionApp.Tests.Browser;

/// <summary>
/// The collector page in headless Chromium against the built worker behind the test host's HTTP front end, on Azurite:
/// after a day run through the host protocol, a collector signs in (the development principal source), opens their
/// list, records a promise for the first customer, and sees it leave the list; no request carries a function key.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CollectorPageRecordOutcome(AzuriteFixture azurite) : WorkerTestBase(azurite)
{
    /// <summary>Set to 1 to refresh docs/images/collector-page.png (the README shows it) from this test.</summary>
    private const string UpdateScreenshotVariable = "ARFUNCTIONS_UPDATE_SCREENSHOT";

    [Fact]
    public async Task TakesTheCustomerOffTheListGivenAPromise()
    {
        await App.SeedAsync();
        await App.RunDayAsync();
        await App.DrainAsync("CreateCallTask");
        var (collector, customer) = await FirstCustomerWithACallAsync();
        await using var chromium = await Chromium.LaunchAsync();
        var page = await chromium.NewPageAsync();
        var sent = new List<(string? Key, string? Principal)>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/worklists/", StringComparison.Ordinal))
            {
                sent.Add((request.Headers.GetValueOrDefault("x-functions-key"), request.Headers.GetValueOrDefault("x-ms-client-principal")));
            }
        };

        await page.GotoAsync($"{ServerAddress()}/api/app/");
        await PageSignIn.SignInAsync(page, collector + "@ar.example.com", "Collector");
        var item = page.Locator($"#worklist > li[data-customer-id='{customer}']");
        await Assertions.Expect(item).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#who")).ToHaveTextAsync($"Signed in as {collector}@ar.example.com (Collector)");
        await item.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.Locator("#detail-heading")).ToContainTextAsync(customer);
        var today = page.Locator("#decisions > li").Filter(new() { HasText = $"{Today:yyyy-MM-dd}" });
        await Assertions.Expect(today).ToContainTextAsync("segment ");
        await Assertions.Expect(today).ToContainTextAsync("call (");
        await Assertions.Expect(today).ToContainTextAsync(": task created");
        await page.Locator("#outcome-kind").SelectOptionAsync("promise");
        await page.Locator("#note").FillAsync("will pay next week");
        await Assertions.Expect(page.Locator("#promise-date")).ToHaveValueAsync($"{Today.AddDays(7):yyyy-MM-dd}");
        await SaveScreenshotAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Record outcome" }).ClickAsync();

        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync($"Recorded promise for {customer}.");
        await Assertions.Expect(item).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#error")).ToBeHiddenAsync();
        Assert.DoesNotContain(customer, await CustomersOnListAsync(collector));
        Assert.True(sent.Count >= 2, "the list was loaded, then reloaded after the outcome");
        Assert.All(sent, request => Assert.Null(request.Key));
        Assert.All(sent, request => Assert.False(string.IsNullOrEmpty(request.Principal)));
    }

    protected override IDictionary<string, string?>? Settings() => PageSignIn.DevelopmentSignIn;

    private string ServerAddress() => App.Host.BaseAddress.ToString().TrimEnd('/');

    /// <summary>The first customer, in rank order, with a call task for its collector (internal tasks such as escalations do not take a customer off the list).</summary>
    private async Task<(string Collector, string Customer)> FirstCustomerWithACallAsync()
    {
        foreach (var collector in new[] { "alice", "bob", "carol", "dave", "erin" })
        {
            var items = (await ListAsync(collector)).GetProperty("items").EnumerateArray();
            var first = items.FirstOrDefault(i => i.GetProperty("tasks").EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } task
                && task.GetProperty("kind").GetString() == "call");
            if (first.ValueKind == JsonValueKind.Object)
            {
                return (collector, first.GetProperty("customerId").GetString()!);
            }
        }

        throw new InvalidOperationException("no collector has a customer with a call task after the sample day");
    }

    private async Task<List<string>> CustomersOnListAsync(string collector) =>
        [.. (await ListAsync(collector)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("customerId").GetString()!)];

    private async Task<JsonElement> ListAsync(string collector)
    {
        var response = await App.SignedIn(PageSignIn.Lead).GetAsync($"/api/worklists/{collector}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    private static async Task SaveScreenshotAsync(IPage page)
    {
        var bytes = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = false });
        await File.WriteAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "collector-page.png"), bytes);
        if (Environment.GetEnvironmentVariable(UpdateScreenshotVariable) == "1")
        {
            var target = Path.Combine(Repository.Root, "docs", "images", "collector-page.png");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await File.WriteAllBytesAsync(target, bytes);
        }
    }
}
