using ArFunctions.FunctionApp.Tests.Infrastructure;
using ArFunctions.Storage.Stores;
using Microsoft.Playwright;

namespace ArFunctions.FunctionApp.Tests.Browser;

/// <summary>The collector page tells a lead when the run behind the list left a customer out for bad data; a collector's page does not.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CollectorPageShowRunProblems(AzuriteFixture azurite) : WorkerTestBase(azurite)
{
    [Fact]
    public async Task ShowsALeadTheCustomerTheRunLeftOutAndACollectorNothing()
    {
        var portfolio = await App.SeedAsync();
        var bad = portfolio.Invoices.First(i => i.IsCollectible);
        await App.Get<InvoiceStore>().UpsertAsync([bad with { Amount = 79228162514264337593543950335m, OpenAmount = 79228162514264337593543950335m }], CancellationToken.None);
        await App.RunDayAsync();
        await using var chromium = await Chromium.LaunchAsync();

        var leadPage = await chromium.NewPageAsync();
        await leadPage.GotoAsync($"{Server()}/api/app/");
        await PageSignIn.SignInAsync(leadPage, "lena@ar.example.com", "Lead");
        var notice = leadPage.Locator("#run-notice");
        await Assertions.Expect(notice).ToBeVisibleAsync();
        await Assertions.Expect(notice).ToContainTextAsync($"The run of {Today:yyyy-MM-dd} left 1 customer(s) out for data problems");
        await Assertions.Expect(notice).ToContainTextAsync($"{bad.CustomerId} (invoice {bad.Id} amount)");

        var collectorPage = await chromium.NewPageAsync();
        await collectorPage.GotoAsync($"{Server()}/api/app/");
        await PageSignIn.SignInAsync(collectorPage, "carol@ar.example.com", "Collector");
        await Assertions.Expect(collectorPage.Locator("#worklist > li").First).ToBeVisibleAsync();
        await Assertions.Expect(collectorPage.Locator("#run-notice")).ToBeHiddenAsync();
    }

    protected override IDictionary<string, string?>? Settings() => PageSignIn.DevelopmentSignIn;

    private string Server() => App.Host.BaseAddress.ToString().TrimEnd('/');
}
