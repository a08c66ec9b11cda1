using ArFunctions.Application.Contacts;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.FunctionApp.Tests.Infrastructure;
using ArFunctions.Storage.Stores;
using Microsoft.Playwright;

namespace ArFunctions.FunctionApp.Tests.Browser;

/// <summary>The collector page's customer detail says which contacts take no email, and why.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CollectorPageShowContactStates(AzuriteFixture azurite) : WorkerTestBase(azurite)
{
    [Fact]
    public async Task ShowsBouncedAndOptedOutGivenContactStatesOfAListedCustomer()
    {
        await App.SeedAsync();
        await App.RunDayAsync();
        var (collector, customer) = await PageSignIn.FirstListedAsync(App);
        var id = new CustomerId(customer);
        var emails = (await App.Get<CustomerStore>().GetAsync(id, CancellationToken.None))!.Contacts.Where(c => c.Email is not null).Select(c => c.Email!).ToArray();
        var states = App.Get<IContactStateStore>();
        var bouncedAt = new DateTimeOffset(2026, 11, 2, 9, 5, 0, TimeSpan.Zero);
        await states.UpdateAsync(id, emails[0], s => s.AfterReport(UnusableStatus.Bounced, bouncedAt, "20261102-x-email", "5.1.1 mailbox unavailable"), CancellationToken.None);
        await states.UpdateAsync(id, emails[^1], s => s with { OptedOut = new ContactOptOut(bouncedAt.AddDays(1), "portal") }, CancellationToken.None);
        await using var chromium = await Chromium.LaunchAsync();
        var page = await chromium.NewPageAsync();

        await page.GotoAsync($"{App.Host.BaseAddress.ToString().TrimEnd('/')}/api/app/");
        await PageSignIn.SignInAsync(page, collector + "@ar.example.com", "Collector");
        await page.Locator($"#worklist > li[data-customer-id='{customer}']").GetByRole(AriaRole.Button).ClickAsync();

        await Assertions.Expect(page.Locator("#detail-heading")).ToContainTextAsync(customer);
        await Assertions.Expect(page.Locator("#contacts")).ToContainTextAsync("no email: unusable: bounced on 2026-11-02 (5.1.1 mailbox unavailable)");
        await Assertions.Expect(page.Locator("#contacts")).ToContainTextAsync("opted out on 2026-11-03 (by portal)");
    }

    protected override IDictionary<string, string?>? Settings() => PageSignIn.DevelopmentSignIn;
}
