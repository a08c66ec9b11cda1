using System.Net;
using System.Text;
using System.Text.Json;
using ArFunctions.FunctionApp.Tests.Infrastructure;

namespace ArFunctions.FunctionApp.Tests.Http;

/// <summary>The HTTP functions as the host forwards them to the worker: the original method, path, query, headers and body, keys checked by the host.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class HttpFunctionsThroughTheHost(AzuriteFixture azurite) : WorkerTestBase(azurite)
{
    [Fact]
    public async Task AFunctionLevelRouteNeedsTheFunctionKeyAndAnAnonymousOneDoesNot()
    {
        using var anonymous = App.Host.CreateClient(sendKey: false);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/policy")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/policy?code={Uri.EscapeDataString(App.Host.FunctionKey)}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/health")).StatusCode);
    }

    [Fact]
    public async Task TheOpenApiDocumentHasExactlyThePathsAndMethodsOfTheHttpFunctionsInFunctionsMetadata()
    {
        var document = await (await Client.GetAsync("/api/openapi.json")).ReadJsonAsync();
        var documented = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(method => $"{method.Name.ToUpperInvariant()} {path.Name}"))
            .Order(StringComparer.Ordinal);

        var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppBuild.Directory, "functions.metadata"))).RootElement;
        var functions = metadata.EnumerateArray()
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray())
            .Where(b => b.GetProperty("type").GetString() == "httpTrigger")
            .SelectMany(b => b.GetProperty("methods").EnumerateArray().Select(m =>
                $"{m.GetString()!.ToUpperInvariant()} /api/{b.GetProperty("route").GetString()!.Replace("{*", "{", StringComparison.Ordinal)}"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(functions, documented);
    }

    [Fact]
    public async Task TheOpenApiDocumentSaysWhoMayCallEachOperation()
    {
        var paths = (await (await Client.GetAsync("/api/openapi.json")).ReadJsonAsync()).GetProperty("paths");
        string Schemes(string path, string method) => string.Join(",", paths.GetProperty(path).GetProperty(method).GetProperty("security").EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)));
        string Roles(string path, string method) => string.Join(",", paths.GetProperty(path).GetProperty(method).GetProperty("x-roles").EnumerateArray().Select(r => r.GetString()));

        Assert.Equal("signIn", Schemes("/api/worklists", "get"));
        Assert.Equal("Lead", Roles("/api/worklists", "get"));
        Assert.Equal("Collector,Lead", Roles("/api/tasks/{taskId}/outcome", "post"));
        Assert.Equal("functionKey", Schemes("/api/policy", "put"));
        Assert.Equal("Admin", Roles("/api/policy", "put"));
        Assert.Equal(string.Empty, Schemes("/api/health", "get"));
        Assert.Equal(string.Empty, Schemes("/api/webhooks/stripe", "post"));
    }

    [Fact]
    public async Task AnUnknownRouteIsNotFound()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/api/no-such-route")).StatusCode);
    }

    [Fact]
    public async Task HealthAnswersWithThePolicyVersion()
    {
        var response = await Client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("policyVersion").GetString()));
    }

    [Fact]
    public async Task PutCustomersStoresAValidBatch()
    {
        var body = """[{"id":"C-1","name":"Acme GmbH","country":"DE","customerSince":"2020-01-15","contacts":[{"name":"Ann","role":"ap-clerk","email":"ann@example.com"}]}]""";

        var response = await Client.PutAsync("/api/customers", Json(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await response.ReadJsonAsync()).GetProperty("accepted").GetInt32());
    }

    [Fact]
    public async Task PutInvoicesAnswersEveryErrorAsProblemJsonAndWritesNothing()
    {
        var body = """[{"id":"I-1","customerId":"nobody","issueDate":"2026-10-01","dueDate":"2026-09-01","amount":-5,"currency":"EURO"}]""";

        var response = await Client.PutAsync("/api/invoices", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var fields = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Contains("amount", fields);
        Assert.Contains("currency", fields);
    }

    [Fact]
    public async Task PutCreditsStoresACreditMemoOfAStoredCustomerAndRefusesAnOverpayment()
    {
        await Client.PutAsync("/api/customers", Json("""[{"id":"C-CR","name":"Credited Ltd","customerSince":"2020-01-15"}]"""));
        var memo = """[{"id":"CM-1","customerId":"C-CR","kind":"credit-memo","amount":450.00,"currency":"USD","on":"2026-10-01"}]""";
        var overpayment = """[{"id":"OP-1","customerId":"C-CR","kind":"overpayment","amount":10,"currency":"USD","on":"2026-10-01"}]""";

        var accepted = await Client.PutAsync("/api/credits", Json(memo));
        var refused = await Client.PutAsync("/api/credits", Json(overpayment));

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(1, (await accepted.ReadJsonAsync()).GetProperty("accepted").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("kind", (await refused.ReadJsonAsync()).GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task GetRunAnswersNotFoundAsProblemJsonForADayWithoutARun()
    {
        var response = await Client.GetAsync("/api/runs/2020-01-01");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task StartRunOpensTheRunOfTheGivenDate()
    {
        var response = await Client.PostAsync("/api/runs", Json("""{"asOf":"2026-11-20"}"""));
        var run = await Client.GetAsync("/api/runs/2026-11-20");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        Assert.Equal("2026-11-20", (await run.ReadJsonAsync()).GetProperty("asOf").GetString());
    }

    [Fact]
    public async Task ServesTheOpenApiDocumentOfTheApi()
    {
        var response = await Client.GetAsync("/api/openapi.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await response.ReadJsonAsync()).GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/worklists/{collectorId}", out _));
        Assert.True(paths.TryGetProperty("/api/customers", out _));
        Assert.True(paths.TryGetProperty("/api/credits", out _));
        Assert.False(paths.TryGetProperty("/api/ProcessShard", out _));
    }

    public static TheoryData<string, string, string?> BadRequests() => new()
    {
        { "PUT", "/api/customers", "not json" },
        { "PUT", "/api/customers", "{\"id\":\"C-1\"}" },
        { "PUT", "/api/customers", "[{\"id\":42,\"name\":[]}]" },
        { "PUT", "/api/customers", "[null]" },
        { "PUT", "/api/customers", "null" },
        { "PUT", "/api/customers", "" },
        { "PUT", "/api/customers", "[]" },
        { "PUT", "/api/customers", "[{\"id\":\"a/b#c\",\"name\":\"x\"}]" },
        { "PUT", "/api/invoices", "[{\"amount\":1e400}]" },
        { "PUT", "/api/invoices", "[{\"amount\":\"ten\"}]" },
        { "PUT", "/api/invoices", "[{\"dueDate\":\"31/12/2026\"}]" },
        { "PUT", "/api/payments", "[{\"invoiceId\":\"nope\",\"amount\":5,\"currency\":\"EUR\",\"date\":\"2026-11-01\"}]" },
        { "PUT", "/api/payments", "{\"payments\":" },
        { "PUT", "/api/payments", "\"\\ud800\"" },
        { "GET", "/api/worklists?top=abc", null },
        { "GET", "/api/worklists?top=0", null },
        { "GET", "/api/worklists?top=99999999999", null },
        { "GET", "/api/worklists/alice?top=-1", null },
        { "GET", "/api/runs/yesterday", null },
        { "GET", "/api/runs/2026-13-45", null },
        { "POST", "/api/runs", "{}" },
        { "POST", "/api/runs", "{\"asOf\":\"2026-02-30\"}" },
        { "POST", "/api/runs", "{\"asOf\":20261123}" },
        { "POST", "/api/runs", "{\"asOf\":\"2026-11-23\",\"dryRun\":\"maybe\"}" },
    };

    [Fact]
    public async Task AnswersEveryBadInputWithA4xxProblemNeverA5xx()
    {
        foreach (var row in BadRequests())
        {
            var (method, path, body) = ((string)row[0], (string)row[1], (string?)row[2]);
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : Json(body) };

            var response = await Client.SendAsync(request);

            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{method} {path} {body}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task AnswersAWrongContentTypeWithUnsupportedMediaType()
    {
        var response = await Client.PutAsync("/api/customers", new StringContent("<customers/>", Encoding.UTF8, "application/xml"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
