using ArFunctions.Application.Ports;
using ArFunctions.FunctionApp.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace ArFunctions.FunctionApp.Http;

/// <summary>GET /api/health: anonymous; checks that storage answers and the policy loaded.</summary>
public sealed class HealthFunctions(IStorageHealth storage, IPolicySource policy, TimeProvider time)
{
    public sealed record Health(string Status, string PolicyVersion, DateTimeOffset CheckedAt);

    [Function("Health")]
    [Callers(Audience.Public)]
    [ApiSummary("Checks that storage answers and the policy loaded.")]
    public async Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request, CancellationToken cancellationToken)
    {
        await storage.CheckAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new Health("healthy", policy.Current.Version, time.GetUtcNow())).ToAction();
    }
}
