using System.Globalization;
using System.Text.RegularExpressions;
using ArFunctions.FunctionApp.Http;
using ArFunctions.FunctionApp.Identity;
using ArFunctions.FunctionApp.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace ArFunctions.FunctionApp.Tests.Http;

public sealed partial class BodyLimitsOf
{
    [Fact]
    public void GivesEveryFunctionOfTheAppTheLimitDocsApiMdStates()
    {
        var documented = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Match row in LimitRow().Matches(File.ReadAllText(Path.Combine(Repository.Root, "docs", "api.md"))))
        {
            foreach (var function in row.Groups["functions"].Value.Split(", "))
            {
                documented[function] = int.Parse(row.Groups["bytes"].Value, CultureInfo.InvariantCulture);
            }
        }

        var limits = BodyLimits.Of(typeof(BodyLimits).Assembly);

        Assert.Equal(documented.OrderBy(p => p.Key, StringComparer.Ordinal), limits.All.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Null(limits.For("GetPolicy"));
    }

    [Fact]
    public void RefusesAnAssemblyWithAFunctionThatTakesABodyWithoutALimit()
    {
        var error = Assert.Throws<InvalidOperationException>(() => BodyLimits.Of(typeof(BodyLimitsOf).Assembly));

        Assert.Contains("UnboundedPost", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("BoundedPost", error.Message.Replace("UnboundedPost", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\| (?<functions>[A-Za-z, ]+) \| (?<bytes>\d+) \(", RegexOptions.Multiline)]
    private static partial Regex LimitRow();

    // Functions of this test assembly only, for the test above: never loaded by a host.
    public sealed class BodyFunctions
    {
        [Function("UnboundedPost")]
        [Callers(Audience.Public)]
        public static IActionResult Unbounded([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "unbounded")] HttpRequest request) => new OkResult();

        [Function("BoundedPost")]
        [Callers(Audience.Public)]
        [MaxBody(MaxBodyAttribute.Command)]
        public static IActionResult Bounded([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "bounded")] HttpRequest request) => new OkResult();
    }
}
