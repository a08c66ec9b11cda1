using System.Buffers.Text;
using System.Globalization;
using System.Net;
using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Portal;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Portal;
using ArFunctions.FunctionApp.Tests.Infrastructure;
using ArFunctions.Storage.Stores;
using CsvHelper;
using UglyToad.PdfPig;

namespace ArFunctions.FunctionApp.Tests.Http;

/// <summary>
/// The customer page's routes through the host, anonymous, guarded by the link alone: a valid link opens its own
/// customer's account, page and statement; a forged, expired, revoked or tampered (another customer's id) link gets a
/// page or a problem+json that says so and holds none of the account.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CustomerPortalThroughTheHost(AzuriteFixture azurite) : WorkerTestBase(azurite)
{
    public const string KeyId = "test";

    public static readonly string Secret = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)(i * 3)).ToArray());

    /// <summary>The portal as local settings configure it: the demo's base URL and one key.</summary>
    public static Dictionary<string, string?> PortalSettings() => new()
    {
        ["ArFunctions__Portal__BaseUrl"] = "http://localhost:7071",
        ["ArFunctions__Portal__Keys__0__Id"] = KeyId,
        ["ArFunctions__Portal__Keys__0__Secret"] = Secret,
    };

    [Fact]
    public async Task ShowsTheLinksCustomerOnlyGivenAValidLink()
    {
        await SeedAsync();
        var link = Issue("C-ALICE");

        var page = await Client.GetAsync(link.Url.PathAndQuery);
        var account = await Client.GetAsync(link.Url.PathAndQuery + "/account");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
        Assert.Contains("Open invoices", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
        var json = await account.ReadJsonAsync();
        Assert.Equal("C-ALICE Ltd", json.GetProperty("customerName").GetString());
        Assert.Equal(["I-A1:overdue", "I-A2:disputed", "I-A3:due"], json.GetProperty("invoices").EnumerateArray()
            .Select(i => i.GetProperty("id").GetString() + ":" + i.GetProperty("status").GetString()));
        Assert.Equal(3_000m, json.GetProperty("totals")[0].GetProperty("balanceDue").GetDecimal());
        Assert.DoesNotContain("I-B1", json.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("\"alice\"", json.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("pricing", json.GetProperty("invoices").GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("\"sales\"", json.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpensThePageOfTheEmailsCustomerGivenTheLinkInASentEml()
    {
        await App.SeedAsync();
        await App.RunDayAsync();
        await App.DeliverEachAsync(QueueNames.Emails, "SendEmail", deliveries: 1);
        var eml = Directory.GetFiles(App.Outbox, "*.eml").Order(StringComparer.Ordinal).First();

        var message = await MimeKit.MimeMessage.LoadAsync(eml);
        var link = LinkIn(message.TextBody ?? "");
        var account = await (await Client.GetAsync(link.PathAndQuery + "/account")).ReadJsonAsync();

        Assert.Equal("http://localhost:7071", link.GetLeftPart(UriPartial.Authority));
        Assert.Contains(link.AbsoluteUri, message.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(message.To.Mailboxes.Single().Address, account.GetProperty("contact").GetString());
        Assert.Contains(account.GetProperty("customerName").GetString()!, message.TextBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(link.PathAndQuery)).StatusCode);
    }

    /// <summary>The customer-page link in an email's text.</summary>
    public static Uri LinkIn(string text) =>
        new(System.Text.RegularExpressions.Regex.Match(text, @"http://localhost:7071/api/portal/[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+").Value);

    [Fact]
    public async Task DownloadsTheStatementAsPdfAndCsvGivenAValidLink()
    {
        await SeedAsync();
        var link = Issue("C-ALICE");

        var pdf = await Client.GetAsync(link.Url.PathAndQuery + "/statement?format=pdf");
        var csv = await Client.GetAsync(link.Url.PathAndQuery + "/statement?format=csv");

        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        using var document = PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync());
        var text = string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("I-A1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("I-B1", text, StringComparison.Ordinal);
        using var reader = new CsvReader(new StringReader(await csv.Content.ReadAsStringAsync()), CultureInfo.InvariantCulture);
        var rows = reader.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToArray();
        Assert.Equal(["I-A1", "I-A2", "I-A3"], rows.Where(r => (string)r["section"] == "open-item").Select(r => (string)r["id"]));
    }

    [Fact]
    public async Task ShowsNoDataGivenAForgedExpiredRevokedOrRetargetedLink()
    {
        await SeedAsync();
        var valid = Issue("C-ALICE");
        var revoked = Issue("C-ALICE");
        await App.Get<IPortalRevocationStore>().RevokeAsync(new PortalRevocation(new CustomerId("C-ALICE"), revoked.LinkId, DateTimeOffset.UtcNow, "test"), CancellationToken.None);
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var expired = PortalLink.Sign(new PortalLinkPayload(1, KeyId, "expired-1", new CustomerId("C-ALICE"), "ap@alice.test", now.AddDays(-31), now.AddDays(-1)), Key());
        var forged = PortalLink.Sign(new PortalLinkPayload(1, KeyId, "forged-1", new CustomerId("C-ALICE"), "ap@alice.test", now, now.AddDays(30)), Key() with { Secret = new byte[32] });
        var retargeted = WithCustomer(valid.Token, "C-BOB");

        foreach (var (token, status, type) in new[]
        {
            (forged, HttpStatusCode.NotFound, "link-invalid"),
            (retargeted, HttpStatusCode.NotFound, "link-invalid"),
            ("C-ALICE", HttpStatusCode.NotFound, "link-invalid"),
            (expired, HttpStatusCode.Gone, "link-expired"),
            (revoked.Token, HttpStatusCode.Gone, "link-revoked"),
        })
        {
            var page = await Client.GetAsync("/api/portal/" + token);
            var account = await Client.GetAsync("/api/portal/" + token + "/account");
            var statement = await Client.GetAsync("/api/portal/" + token + "/statement?format=csv");
            var html = await page.Content.ReadAsStringAsync();

            Assert.Equal((status, "text/html"), (page.StatusCode, page.Content.Headers.ContentType?.MediaType));
            Assert.Contains("Link not available", html, StringComparison.Ordinal);
            Assert.DoesNotContain("I-A1", html, StringComparison.Ordinal);
            foreach (var response in new[] { account, statement })
            {
                var text = await response.Content.ReadAsStringAsync();
                Assert.Equal((status, "application/problem+json"), (response.StatusCode, response.Content.Headers.ContentType?.MediaType));
                Assert.EndsWith("#" + type, WorkerApp.Json(text).GetProperty("type").GetString(), StringComparison.Ordinal);
                Assert.DoesNotContain("I-A1", text, StringComparison.Ordinal);
                Assert.DoesNotContain("ALICE Ltd", text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task AnswersTooManyRequestsWithRetryAfterGivenALinkOverItsRate()
    {
        await SeedAsync();
        var link = Issue("C-ALICE");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await Client.GetAsync(link.Url.PathAndQuery + "/account")).StatusCode);
        }

        var limited = await Client.GetAsync(link.Url.PathAndQuery + "/account");
        var otherLink = await Client.GetAsync(Issue("C-ALICE").Url.PathAndQuery + "/account");

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.EndsWith("#rate-limited", (await limited.ReadJsonAsync()).GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, otherLink.StatusCode);
    }

    protected override IDictionary<string, string?>? Settings()
    {
        var settings = PortalSettings();
        settings["ArFunctions__Portal__RequestsPerMinute"] = "4";
        return settings;
    }

    private static PortalKey Key() => new(KeyId, Convert.FromBase64String(Secret));

    private IssuedPortalLink Issue(string customer) => App.Get<PortalLinks>().Issue(new CustomerId(customer), "ap@" + customer.ToLowerInvariant() + ".test", 30);

    /// <summary>The token with its customer id replaced and its signature kept.</summary>
    internal static string WithCustomer(string token, string customer)
    {
        var parts = token.Split('.');
        var json = System.Text.Json.Nodes.JsonNode.Parse(Base64Url.DecodeFromChars(parts[0]))!.AsObject();
        json["cid"] = customer;
        return Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString())) + "." + parts[1];
    }

    private Task SeedAsync() => SeedAsync(App);

    /// <summary>C-ALICE (I-A1 overdue, I-A2 disputed, I-A3 due, 1,000 USD each, contact ap@c-alice.test) and C-BOB (I-B1), both of alice.</summary>
    internal static async Task SeedAsync(WorkerApp app)
    {
        Customer Customer(string id) =>
            new() { Id = new CustomerId(id), Name = id + " Ltd", CustomerSince = Today.AddYears(-3), AssignedCollector = "alice", Contacts = [new Contact("AP", ContactRole.ApClerk, "ap@" + id.ToLowerInvariant() + ".test", null)] };
        Invoice Invoice(string id, string customer, int daysOverdue, Dispute? dispute = null) => new()
        {
            Id = new InvoiceId(id), CustomerId = new CustomerId(customer), IssueDate = Today.AddDays(-daysOverdue - 30), DueDate = Today.AddDays(-daysOverdue),
            Amount = 1_000m, OpenAmount = 1_000m, Currency = new CurrencyCode("USD"), Dispute = dispute,
        };

        await app.Get<CustomerStore>().UpsertAsync([Customer("C-ALICE"), Customer("C-BOB")], CancellationToken.None);
        await app.Get<InvoiceStore>().UpsertAsync(
            [Invoice("I-A1", "C-ALICE", 20), Invoice("I-A2", "C-ALICE", 10, new Dispute("pricing", Today.AddDays(-3))), Invoice("I-A3", "C-ALICE", -5), Invoice("I-B1", "C-BOB", 20)],
            CancellationToken.None);
    }
}
