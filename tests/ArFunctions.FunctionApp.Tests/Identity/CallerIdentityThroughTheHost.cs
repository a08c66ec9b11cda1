using System.Net;
using System.Text;
using System.Text.Json;
using ArFunctions.FunctionApp.Tests.Infrastructure;

namespace ArFunctions.FunctionApp.Tests.Identity;

/// <summary>
/// Without App Service authentication a client can write any identity header itself: the app must believe none of
/// them (issue 13's evidence: /api/me answered "alice" and policy history recorded "cfo@contoso.com" from forged headers).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CallerIdentityWithoutPlatformAuthentication(AzuriteFixture azurite) : WorkerTestBase(azurite)
{
    [Fact]
    public async Task MeRefusesEveryoneGivenForgedIdentityHeadersAndAFunctionKey()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/me").As(Principals.Of("00000000-0000-0000-0000-00000000a11c", "alice@ar.example.com", "Lead"));
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL-NAME", "alice@ar.example.com");
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL-IDP", "aad");

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("/.auth/login/aad?post_login_redirect_uri=/api/app/", problem.GetProperty("signIn").GetString());
        Assert.False(problem.GetProperty("developmentSignIn").GetBoolean());
        Assert.DoesNotContain("alice", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PolicyHistoryRecordsTheKeyNotTheForgedPerson()
    {
        var saved = await PolicyPuts.SaveEditedAsync(Client, request =>
        {
            request.Headers.Add("X-MS-CLIENT-PRINCIPAL-NAME", "cfo@contoso.com");
            request.As(Principals.Of("00000000-0000-0000-0000-0000000000cf", "cfo@contoso.com", "Admin"));
        });

        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var history = await (await Client.GetAsync("/api/policy/history")).ReadJsonAsync();
        Assert.Equal("key:unnamed", history.GetProperty("versions")[0].GetProperty("savedBy").GetString());
        Assert.DoesNotContain("cfo@contoso.com", history.ToString(), StringComparison.Ordinal);
    }
}

/// <summary>With App Service authentication on (the platform sets WEBSITE_AUTH_ENABLED), the principal it injects is the caller.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CallerIdentityWithPlatformAuthentication(AzuriteFixture azurite) : WorkerTestBase(azurite)
{
    private const string CarolObjectId = "0b7c1a2e-5d6f-4a8b-9c0d-1e2f3a4b5c6d";

    [Fact]
    public async Task MeNamesThePersonTheirRolesAndTheirCollectorFromThePlatformsPrincipal()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/me").As(Principals.Of(CarolObjectId, "Carol@ar.example.com", "Collector", "NotARole"));

        var me = await (await Client.SendAsync(request)).ReadJsonAsync();

        Assert.Equal("Carol@ar.example.com", me.GetProperty("name").GetString());
        Assert.Equal("aad", me.GetProperty("identityProvider").GetString());
        Assert.Equal("carol", me.GetProperty("collector").GetString());
        Assert.Equal(["collector"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("eyJub3QiOiAiY2xhaW1zIn0=")] // {"not": "claims"}
    [InlineData("W10=")] // []
    public async Task AnswersUnauthorizedGivenAPrincipalThatCannotBeRead(string principal)
    {
        var response = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/me").As(principal));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task PolicyHistoryRecordsThePersonWhoSavedIt()
    {
        var saved = await PolicyPuts.SaveEditedAsync(Client, request => request.As(Principals.Of(CarolObjectId, "carol@ar.example.com", "Admin")));

        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var newest = (await (await Client.GetAsync("/api/policy/history")).ReadJsonAsync()).GetProperty("versions")[0];
        Assert.Equal($"carol@ar.example.com ({CarolObjectId})", newest.GetProperty("savedBy").GetString());
    }

    [Fact]
    public async Task MeNamesNoCollectorGivenAPersonWhoseIdentityNoCollectorLists()
    {
        // "carol" by name, but the policy's carol is carol@ar.example.com: a name alone makes nobody a collector.
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/me").As(Principals.Of(CarolObjectId, "carol@elsewhere.example.com", "Collector"));

        var me = await (await Client.SendAsync(request)).ReadJsonAsync();

        Assert.Equal(JsonValueKind.Null, me.GetProperty("collector").ValueKind);
        Assert.Empty(me.GetProperty("worklists").EnumerateArray());
        var list = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/worklists/carol").As(Principals.Of(CarolObjectId, "carol@elsewhere.example.com", "Collector")));
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
    }

    protected override IDictionary<string, string?>? Settings() => new Dictionary<string, string?> { ["WEBSITE_AUTH_ENABLED"] = "True" };
}

/// <summary>PUT /api/policy of the policy in force with its own version string changed, so it saves as a new version.</summary>
internal static class PolicyPuts
{
    public static async Task<HttpResponseMessage> SaveEditedAsync(HttpClient client, Action<HttpRequestMessage> sign)
    {
        var current = await (await client.GetAsync("/api/policy")).Content.ReadAsStringAsync();
        var edited = current.Replace("\"2026-11-sample\"", "\"2026-11-edited-by-a-test\"", StringComparison.Ordinal);
        Assert.NotEqual(current, edited);
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/policy?note=test") { Content = new StringContent(edited, Encoding.UTF8, "application/json") };
        sign(request);
        return await client.SendAsync(request);
    }
}
