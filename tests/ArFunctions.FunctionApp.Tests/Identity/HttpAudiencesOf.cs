using ArFunctions.Application.Access;
using ArFunctions.FunctionApp.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace ArFunctions.FunctionApp.Tests.Identity;

public sealed class HttpAudiencesOf
{
    [Fact]
    public void DeclaresTheCallersOfEveryHttpFunctionOfTheApp()
    {
        var audiences = HttpAudiences.Of(typeof(CallerGate).Assembly);

        Assert.Equal(35, audiences.All.Count);
        Assert.Equal(Audience.Public, audiences.For("PortalPromise")!.Audience);
        Assert.Equal(Audience.People, audiences.For("RecordTaskOutcome")!.Audience);
        Assert.Equal([Role.Admin], audiences.For("PutPolicy")!.Roles);
        Assert.Equal(Audience.Public, audiences.For("StripeWebhook")!.Audience);
        Assert.Equal(Audience.Public, audiences.For("GetPortalAccount")!.Audience);
    }

    [Fact]
    public void RefusesAnAssemblyWithAnHttpFunctionWithoutCallersOrWithAHostAuthLevelThatContradictsThem()
    {
        var error = Assert.Throws<InvalidOperationException>(() => HttpAudiences.Of(typeof(HttpAudiencesOf).Assembly));

        Assert.Contains("Undeclared declares no [Callers]", error.Message, StringComparison.Ordinal);
        Assert.Contains("KeyedForPeople is for People but AuthorizationLevel.Function at the host", error.Message, StringComparison.Ordinal);
    }

    // Functions of this test assembly only, for the test above: never loaded by a host.
    public sealed class BadlyDeclaredFunctions
    {
        [Function("Undeclared")]
        public static IActionResult Undeclared([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "undeclared")] HttpRequest request) => new OkResult();

        [Function("KeyedForPeople")]
        [Callers(Audience.People, Role.Lead)]
        public static IActionResult KeyedForPeople([HttpTrigger(AuthorizationLevel.Function, "get", Route = "keyed")] HttpRequest request) => new OkResult();
    }
}
