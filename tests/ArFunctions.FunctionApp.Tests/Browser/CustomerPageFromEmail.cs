using System.Globalization;
using ArFunctions.Application.DailyRuns;
using ArFunctions.FunctionApp.Tests.Http;
using ArFunctions.FunctionApp.Tests.Infrastructure;
using CsvHelper;
using Microsoft.Playwright;
using UglyToad.PdfPig;

namespace ArFunctions.FunctionApp.Tests.Browser;

/// <summary>
/// The customer page as a customer reaches it, in headless Chromium against the built worker behind the test host's
/// HTTP front end, on Azurite: after a day run sends its first email (a real .eml from the pickup sender), the link in
/// that email opens the page of the email's customer, which lists every open invoice, and the statement downloads from
/// the page as a PDF whose text lists them and as a CSV that parses. The page's screenshot is docs/images/customer-page.png.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CustomerPageFromEmail(AzuriteFixture azurite) : WorkerTestBase(azurite)
{
    [Fact]
    public async Task ListsTheOpenInvoicesAndDownloadsTheStatementGivenTheLinkInASentEmail()
    {
        await App.SeedAsync();
        await App.RunDayAsync();
        await App.DeliverEachAsync(QueueNames.Emails, "SendEmail", deliveries: 1);
        var eml = Directory.GetFiles(App.Outbox, "*.eml").Order(StringComparer.Ordinal).First();
        var message = await MimeKit.MimeMessage.LoadAsync(eml);
        var link = CustomerPortalThroughTheHost.LinkIn(message.TextBody ?? "");
        var account = await (await Client.GetAsync(link.PathAndQuery + "/account")).ReadJsonAsync();
        var open = account.GetProperty("invoices").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToArray();

        await using var chromium = await Chromium.LaunchAsync();
        var page = await chromium.NewPageAsync();
        await page.GotoAsync(App.Host.BaseAddress.ToString().TrimEnd('/') + link.PathAndQuery);

        await Assertions.Expect(page.Locator("#account")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#invoices tbody tr")).ToHaveCountAsync(open.Length);
        Assert.NotEmpty(open);
        foreach (var invoice in open)
        {
            await Assertions.Expect(page.Locator($"#invoices tr[data-invoice='{invoice}']")).ToBeVisibleAsync();
        }

        var pdf = await DownloadAsync(page, "#statement-pdf");
        using (var document = PdfDocument.Open(pdf))
        {
            var text = string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
            Assert.All(open, invoice => Assert.Contains(invoice, text, StringComparison.Ordinal));
        }

        var csv = await DownloadAsync(page, "#statement-csv");
        using var reader = new CsvReader(new StringReader(System.Text.Encoding.UTF8.GetString(csv)), CultureInfo.InvariantCulture);
        var rows = reader.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToArray();
        Assert.Equal(open.Order(StringComparer.Ordinal), rows.Where(r => (string)r["section"] == "open-item").Select(r => (string)r["id"]).Order(StringComparer.Ordinal));

        await SaveScreenshotAsync(page);

        var token = link.AbsolutePath[(link.AbsolutePath.LastIndexOf('/') + 1)..];
        var other = OtherCustomer(token);
        foreach (var closed in new[] { token[..^2] + (token[^2] == 'A' ? "BB" : "AA"), CustomerPortalThroughTheHost.WithCustomer(token, other), other })
        {
            var shut = await chromium.NewPageAsync();
            await shut.GotoAsync(App.Host.BaseAddress.ToString().TrimEnd('/') + "/api/portal/" + closed);
            await Assertions.Expect(shut.Locator("#status")).ToContainTextAsync("This link is not valid");
            Assert.Equal(0, await shut.Locator("#invoices tbody tr").CountAsync());
            Assert.DoesNotContain(open[0], await shut.ContentAsync(), StringComparison.Ordinal);
        }
    }

    protected override IDictionary<string, string?>? Settings() => CustomerPortalThroughTheHost.PortalSettings();

    /// <summary>A customer other than the token's (its id, shifted by one digit): as a link, or put into a signed link, it opens nothing.</summary>
    private static string OtherCustomer(string token)
    {
        var payload = System.Text.Json.Nodes.JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(token.Split('.')[0]))!;
        var customer = payload["cid"]!.GetValue<string>();
        return customer[..^1] + (customer[^1] == '1' ? '2' : '1');
    }

    private static async Task<byte[]> DownloadAsync(IPage page, string selector)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator(selector).ClickAsync());
        var path = await download.PathAsync();
        return await File.ReadAllBytesAsync(path);
    }

    /// <summary>Written next to the test binary always, and over docs/images/customer-page.png with ARFUNCTIONS_UPDATE_SCREENSHOT=1.</summary>
    private static async Task SaveScreenshotAsync(IPage page)
    {
        var bytes = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true });
        await File.WriteAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "customer-page.png"), bytes);
        if (Environment.GetEnvironmentVariable("ARFUNCTIONS_UPDATE_SCREENSHOT") == "1")
        {
            await File.WriteAllBytesAsync(Path.Combine(Repository.Root, "docs", "images", "customer-page.png"), bytes);
        }
    }
}
