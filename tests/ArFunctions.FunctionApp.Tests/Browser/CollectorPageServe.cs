using System.Net;
using ArFunctions.FunctionApp.Http;
using ArFunctions.FunctionApp.Tests.Infrastructure;

namespace ArFunctions.FunctionApp.Tests.Browser;

/// <summary>The collector page's static files at /api/app/ (embedded in the assembly). GET /api/me: Identity/.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CollectorPageServe(AzuriteFixture azurite) : WorkerTestBase(azurite)
{
    [Fact]
    public async Task ServesEveryFileOfWwwrootByteForByteWithItsTypeAndSecurityHeaders()
    {
        var folder = Path.Combine(Repository.FunctionAppProject, "wwwroot");
        var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).ToList();
        Assert.Equal(files.Order(StringComparer.Ordinal), PageFunctions.FileNames.Order(StringComparer.Ordinal));

        foreach (var file in files)
        {
            var response = await Client.GetAsync("/api/app/" + file);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(folder, file)), await response.Content.ReadAsByteArrayAsync());
            Assert.StartsWith(Path.GetExtension(file) switch { ".html" => "text/html", ".css" => "text/css", _ => "text/javascript" }, response.Content.Headers.ContentType!.ToString());
            Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        }
    }

    [Fact]
    public async Task RedirectsToTheFolderKeepingTheQueryGivenThePathWithoutASlash()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = App.Host.BaseAddress };

        var response = await client.GetAsync("/api/app?collector=alice");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/api/app/?collector=alice", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ServesTheIndexGivenTheFolderAndNotModifiedGivenItsETag()
    {
        var index = await Client.GetAsync("/api/app/");
        var again = new HttpRequestMessage(HttpMethod.Get, "/api/app/");
        again.Headers.IfNoneMatch.Add(index.Headers.ETag!);

        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Contains("<title>Worklist - ArFunctions</title>", await index.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotModified, (await Client.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task AnswersNotFoundGivenAFileThePageDoesNotHave()
    {
        var missing = await Client.GetAsync("/api/app/appsettings.json");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }
}
