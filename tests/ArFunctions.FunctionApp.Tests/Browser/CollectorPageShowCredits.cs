using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;
using ArFunctions.FunctionApp.Tests.Infrastructure;
using ArFunctions.Storage.Stores;
using Microsoft.Playwright;

namespace ArFunctions.FunctionApp.Tests.Browser;

/// <summary>The collector page's customer detail lists the customer's credits and the balance net of them.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CollectorPageShowCredits(AzuriteFixture azurite) : WorkerTestBase(azurite)
{
    [Fact]
    public async Task ShowsTheCreditAndTheNetBalanceGivenACreditMemoOnAListedCustomer()
    {
        await App.SeedAsync();
        await App.RunDayAsync();
        var (collector, customer) = await PageSignIn.FirstListedAsync(App);
        await App.Get<CreditStore>().UpsertAsync(
            [new Credit("CM-PAGE", new CustomerId(customer), CreditKind.CreditMemo, 10m, new CurrencyCode("USD"), Today)], CancellationToken.None);
        await using var chromium = await Chromium.LaunchAsync();
        var page = await chromium.NewPageAsync();

        await page.GotoAsync($"{App.Host.BaseAddress.ToString().TrimEnd('/')}/api/app/");
        await PageSignIn.SignInAsync(page, collector + "@ar.example.com", "Collector");
        await page.Locator($"#worklist > li[data-customer-id='{customer}']").GetByRole(AriaRole.Button).ClickAsync();

        await Assertions.Expect(page.Locator("#detail-heading")).ToContainTextAsync(customer);
        await Assertions.Expect(page.Locator("#credits")).ToContainTextAsync("credit memo CM-PAGE");
        await Assertions.Expect(page.Locator("#balance")).ToContainTextAsync("Open invoices ");
        await Assertions.Expect(page.Locator("#balance")).ToContainTextAsync(" = net ");
    }

    protected override IDictionary<string, string?>? Settings() => PageSignIn.DevelopmentSignIn;
}
