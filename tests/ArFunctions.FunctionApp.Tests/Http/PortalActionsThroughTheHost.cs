using System.Net;
using ArFunctions.Application.Portal;
using ArFunctions.Domain.Common;
using ArFunctions.FunctionApp.Tests.Infrastructure;
using ArFunctions.Storage.Stores;

namespace ArFunctions.FunctionApp.Tests.Http;

/// <summary>
/// The customer page's actions through the host, anonymous and guarded by the link alone: the link's customer disputes
/// and promises its own invoices and sees what happened; bad input, another customer's invoice and a link that does not
/// open get problem+json and change nothing.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class PortalActionsThroughTheHost(AzuriteFixture azurite) : WorkerTestBase(azurite)
{
    [Fact]
    public async Task DisputesAndPromisesTheLinksOwnInvoicesAndSaysWhatHappened()
    {
        await CustomerPortalThroughTheHost.SeedAsync(App);
        var link = Issue("C-ALICE");

        var disputed = await PostAsync(link, "dispute", new { invoice = "I-A1", category = "pricing", comment = "The quote said 10% off." });
        var accepted = await PostAsync(link, "promise", new { invoice = "I-A3", date = $"{Today.AddDays(10):yyyy-MM-dd}", amount = 600 });
        var requested = await PostAsync(link, "promise", new { invoice = "I-A3", date = $"{Today.AddDays(90):yyyy-MM-dd}", amount = 1000 });
        var copy = await PostAsync(link, "request", new { kind = "invoice-copy", invoice = "I-A1" });
        var optOut = await PostAsync(link, "opt-out", new { });

        Assert.Equal(
            ["disputed", "promise-accepted", "promise-requested", "request-recorded", "opted-out"],
            [.. new[] { disputed, accepted, requested, copy, optOut }.Select(j => j.GetProperty("outcome").GetString()!)]);
        Assert.Contains("request", requested.GetProperty("message").GetString(), StringComparison.Ordinal);
        var account = await (await Client.GetAsync(link.Url.PathAndQuery + "/account")).ReadJsonAsync();
        Assert.Equal(["I-A1:disputed", "I-A2:disputed", "I-A3:under-promise"], account.GetProperty("invoices").EnumerateArray()
            .Select(i => i.GetProperty("id").GetString() + ":" + i.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task AnswersProblemsAndChangesNothingGivenBadInputAnotherCustomersInvoiceOrALinkThatDoesNotOpen()
    {
        await CustomerPortalThroughTheHost.SeedAsync(App);
        var link = Issue("C-ALICE");
        var before = await InvoicesAsync();

        var invalid = await Client.PostJsonAsync(link.Url.PathAndQuery + "/promise", new { invoice = "I-A1", date = "soon", amount = -1 });
        var notOurs = await Client.PostJsonAsync(link.Url.PathAndQuery + "/dispute", new { invoice = "I-B1", category = "pricing", comment = "x" });
        var forged = await Client.PostJsonAsync("/api/portal/C-ALICE/dispute", new { invoice = "I-A1", category = "pricing", comment = "x" });
        var notJson = await Client.PostAsync(link.Url.PathAndQuery + "/request", new StringContent("kind=invoice-copy", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(["date", "amount"], (await invalid.ReadBadRequestProblemAsync()).ErrorFields());
        Assert.Equal(HttpStatusCode.NotFound, notOurs.StatusCode);
        Assert.EndsWith("#not-found", (await notOurs.ReadJsonAsync()).GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.EndsWith("#link-invalid", (await forged.ReadJsonAsync()).GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);
        Assert.Equal(before, await InvoicesAsync());
    }

    protected override IDictionary<string, string?>? Settings() => CustomerPortalThroughTheHost.PortalSettings();

    private IssuedPortalLink Issue(string customer) => App.Get<PortalLinks>().Issue(new CustomerId(customer), "ap@" + customer.ToLowerInvariant() + ".test", 30);

    private async Task<System.Text.Json.JsonElement> PostAsync(IssuedPortalLink link, string action, object body)
    {
        var response = await Client.PostJsonAsync(link.Url.PathAndQuery + "/" + action, body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return await response.ReadJsonAsync();
    }

    private async Task<List<string>> InvoicesAsync()
    {
        var list = new List<string>();
        foreach (var customer in new[] { "C-ALICE", "C-BOB" })
        {
            await foreach (var invoice in App.Get<InvoiceStore>().StreamCustomerAsync(new CustomerId(customer), CancellationToken.None))
            {
                list.Add(invoice.ToString());
            }
        }

        return list;
    }
}
