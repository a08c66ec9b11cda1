using ArFunctions.Application.Ports;
using ArFunctions.Storage.Tables;
using ArFunctions.FunctionApp.Functions;

namespace ArFunctions.FunctionApp.Http;

/// <summary>GET /api/health: anonymous; checks that table storage answers and the policy loaded.</summary>
internal static class HealthEndpoints
{
    public sealed record Health(string Status, string PolicyVersion, DateTimeOffset CheckedAt);

    public static void MapHealth(this IEndpointRouteBuilder app) =>
        app.MapFunction("Health", "GET", "health", GetAsync, AuthLevel.Anonymous);

    private static async Task<IResult> GetAsync(StorageTables tables, IPolicySource policy, TimeProvider time, CancellationToken cancellationToken)
    {
        var runs = await tables.Get(StorageTables.Runs).GetAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var _ in runs.QueryAsync<Azure.Data.Tables.TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            break;
        }

        return TypedResults.Ok(new Health("healthy", policy.Current.Version, time.GetUtcNow()));
    }
}
