using System.Net;
using System.Text.Json;
using ArFunctions.Application.Portal;
using ArFunctions.Domain.Common;
using ArFunctions.FunctionApp.Tests.Infrastructure;
using Microsoft.Playwright;

namespace ArFunctions.FunctionApp.Tests.Browser;

/// <summary>
/// The customer page's actions in headless Chromium against the built worker behind the test host's HTTP front end, on
/// Azurite: after a day run, the customer of a collector's first call opens its personal link, disputes one invoice and
/// promises to pay the other within the policy's portal limits (each answer shown on the page); the collector then sees
/// both on the collector page. A promise outside the limits is recorded as a request: a task on the customer.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CustomerPageActions(AzuriteFixture azurite) : WorkerTestBase(azurite)
{
    [Fact]
    public async Task ShowsTheDisputeAndThePromiseToTheCollectorAndMakesAPromiseOutsideTheLimitsATask()
    {
        await App.SeedAsync();
        await App.RunDayAsync();
        await App.DrainAsync("CreateCallTask");
        var (collector, customer, contact, invoices) = await CustomerWithTwoOpenInvoicesAsync();
        var link = App.Get<PortalLinks>().Issue(new CustomerId(customer), contact, 30);

        await using var chromium = await Chromium.LaunchAsync();
        var page = await chromium.NewPageAsync();

        await page.GotoAsync(Server() + link.Url.AbsolutePath);
        await Assertions.Expect(page.Locator("#account")).ToBeVisibleAsync();
        var (disputed, promised) = (invoices[0], invoices[1]);
        await ActAsync(page, disputed, "dispute");
        await page.Locator("#dispute-category").SelectOptionAsync("pricing");
        await page.Locator("#dispute-comment").FillAsync("The quote said 10% off.");
        await page.Locator("#action-panel form button[type=submit]").ClickAsync();
        await Assertions.Expect(Outcome(page)).ToHaveAttributeAsync("data-outcome", "disputed");
        await Assertions.Expect(Row(page, disputed).Locator(".badge")).ToHaveTextAsync("Disputed");

        await ActAsync(page, promised, "promise");
        await page.Locator("#promise-date").FillAsync($"{Today.AddDays(10):yyyy-MM-dd}");
        await page.Locator("#action-panel form button[type=submit]").ClickAsync();
        await Assertions.Expect(Outcome(page)).ToHaveAttributeAsync("data-outcome", "promise-accepted");
        await Assertions.Expect(Outcome(page)).ToContainTextAsync("is recorded");

        await ActAsync(page, promised, "promise");
        await page.Locator("#promise-date").FillAsync($"{Today.AddDays(90):yyyy-MM-dd}");
        await page.Locator("#action-panel form button[type=submit]").ClickAsync();
        await Assertions.Expect(Outcome(page)).ToHaveAttributeAsync("data-outcome", "promise-requested");
        await Assertions.Expect(Outcome(page)).ToContainTextAsync("request");
        await SaveScreenshotAsync(page);

        var collectorPage = await chromium.NewPageAsync();
        await collectorPage.GotoAsync($"{Server()}/api/app/");
        await PageSignIn.SignInAsync(collectorPage, collector + "@ar.example.com", "Collector");
        await collectorPage.Locator($"#worklist > li[data-customer-id='{customer}']").GetByRole(AriaRole.Button).ClickAsync();
        var rows = collectorPage.Locator("#invoices tbody tr");
        await Assertions.Expect(rows.Filter(new() { HasText = disputed })).ToContainTextAsync("disputed (pricing) (by portal:");
        await Assertions.Expect(rows.Filter(new() { HasText = promised })).ToContainTextAsync($"by {Today.AddDays(10):yyyy-MM-dd} (by portal:");
        await Assertions.Expect(collectorPage.Locator("#history")).ToContainTextAsync("Customer page: dispute");
        await Assertions.Expect(collectorPage.Locator("#history")).ToContainTextAsync("Customer page: promise");

        var tasks = await TasksOfAsync(collector, customer);
        Assert.Contains(tasks, t => t.GetProperty("kind").GetString() == "request");
        Assert.Contains(tasks, t => t.GetProperty("kind").GetString() == "dispute" && t.GetProperty("assignee").GetString() == "sales");
    }

    protected override IDictionary<string, string?>? Settings()
    {
        var settings = Http.CustomerPortalThroughTheHost.PortalSettings();
        foreach (var (name, value) in PageSignIn.DevelopmentSignIn)
        {
            settings[name] = value;
        }

        return settings;
    }

    private string Server() => App.Host.BaseAddress.ToString().TrimEnd('/');

    private static ILocator Row(IPage page, string invoice) => page.Locator($"#invoices tr[data-invoice='{invoice}']");

    private static ILocator Outcome(IPage page) => page.Locator("#action-panel .outcome");

    private static async Task ActAsync(IPage page, string invoice, string action)
    {
        await Row(page, invoice).Locator($"button[data-action='{action}']").ClickAsync();
        await Assertions.Expect(page.Locator("#action-panel")).ToBeVisibleAsync();
    }

    /// <summary>The first customer on a collector's list with a call task, two open invoices and a contact with an email address.</summary>
    private async Task<(string Collector, string Customer, string Contact, string[] Invoices)> CustomerWithTwoOpenInvoicesAsync()
    {
        foreach (var collector in PageSignIn.Collectors)
        {
            foreach (var item in (await ListAsync(collector)).GetProperty("items").EnumerateArray())
            {
                var customer = item.GetProperty("customerId").GetString()!;
                var detail = await (await App.SignedIn(PageSignIn.Lead).GetAsync($"/api/customers/{customer}")).ReadJsonAsync();
                var open = detail.GetProperty("openInvoices").EnumerateArray()
                    .Where(i => i.GetProperty("dispute").ValueKind == JsonValueKind.Null && i.GetProperty("promise").ValueKind == JsonValueKind.Null)
                    .Select(i => i.GetProperty("id").GetString()!).ToArray();
                var email = detail.GetProperty("customer").GetProperty("contacts").EnumerateArray()
                    .Select(c => c.GetProperty("email")).FirstOrDefault(e => e.ValueKind == JsonValueKind.String);
                if (open.Length >= 2 && email.ValueKind == JsonValueKind.String && item.GetProperty("tasks").EnumerateArray().Any(t => t.GetProperty("kind").GetString() == "call"))
                {
                    return (collector, customer, email.GetString()!, open);
                }
            }
        }

        throw new InvalidOperationException("no customer on a list has two open invoices and an email contact after the sample day");
    }

    private async Task<List<JsonElement>> TasksOfAsync(string collector, string customer) =>
        [.. (await ListAsync(collector)).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("customerId").GetString() == customer).GetProperty("tasks").EnumerateArray()];

    private async Task<JsonElement> ListAsync(string collector)
    {
        var response = await App.SignedIn(PageSignIn.Lead).GetAsync($"/api/worklists/{collector}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    private static async Task SaveScreenshotAsync(IPage page)
    {
        var bytes = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true });
        await File.WriteAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "customer-page-actions.png"), bytes);
        if (Environment.GetEnvironmentVariable("ARFUNCTIONS_UPDATE_SCREENSHOT") == "1")
        {
            await File.WriteAllBytesAsync(Path.Combine(Repository.Root, "docs", "images", "customer-page-actions.png"), bytes);
        }
    }
}
