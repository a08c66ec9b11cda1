using System.Net;
using System.Text;
using ArFunctions.FunctionApp.Tests.Infrastructure;
using static ArFunctions.FunctionApp.Tests.Infrastructure.HostPayloads;

namespace ArFunctions.FunctionApp.Tests.Http;

/// <summary>The HTTP functions as the host forwards them: the original method, path, query, headers and body.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class HttpFunctionsForwarded(AzuriteFixture azurite) : AppTestBase(azurite)
{
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

        var response = await Client.SendAsync(Forwarded(HttpMethod.Put, "/api/customers", Json(body)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await response.ReadJsonAsync()).GetProperty("accepted").GetInt32());
    }

    [Fact]
    public async Task PutInvoicesAnswersEveryErrorAsProblemJsonAndWritesNothing()
    {
        var body = """[{"id":"I-1","customerId":"nobody","issueDate":"2026-10-01","dueDate":"2026-09-01","amount":-5,"currency":"EURO"}]""";

        var response = await Client.SendAsync(Forwarded(HttpMethod.Put, "/api/invoices", Json(body)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var fields = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Contains("amount", fields);
        Assert.Contains("currency", fields);
    }

    [Fact]
    public async Task GetRunAnswersNotFoundAsProblemJsonForADayWithoutARun()
    {
        var response = await Client.SendAsync(Forwarded(HttpMethod.Get, "/api/runs/2020-01-01"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task StartRunOpensTheRunOfTheGivenDate()
    {
        var response = await Client.SendAsync(Forwarded(HttpMethod.Post, "/api/runs", Json("""{"asOf":"2026-11-20"}""")));
        var run = await Client.SendAsync(Forwarded(HttpMethod.Get, "/api/runs/2026-11-20"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        Assert.Equal("2026-11-20", (await run.ReadJsonAsync()).GetProperty("asOf").GetString());
    }

    [Fact]
    public async Task ServesTheOpenApiDocumentOfTheApi()
    {
        var response = await Client.SendAsync(Forwarded(HttpMethod.Get, "/api/openapi.json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await response.ReadJsonAsync()).GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/worklists/{collectorId}", out _));
        Assert.True(paths.TryGetProperty("/api/customers", out _));
        Assert.False(paths.TryGetProperty("/ProcessShard", out _));
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

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task AnswersBadInputWithA4xxProblemNeverA5xx(string method, string path, string? body)
    {
        var response = await Client.SendAsync(Forwarded(new HttpMethod(method), path, body is null ? null : Json(body)));

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnswersAWrongContentTypeWithUnsupportedMediaType()
    {
        var response = await Client.SendAsync(Forwarded(HttpMethod.Put, "/api/customers", new StringContent("<customers/>", Encoding.UTF8, "application/xml")));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
