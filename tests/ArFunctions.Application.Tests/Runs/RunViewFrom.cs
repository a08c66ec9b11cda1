using System.Text.Json;
using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Runs;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Engine;

namespace ArFunctions.Application.Tests.Runs;

public class RunViewFrom
{
    private static readonly DateOnly Day = new(2026, 11, 23);
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public void SummarisesDoneRunningAndUnstartedShardsGivenPartialProgress()
    {
        var run = new RunRecord(Day, "v1", 4, RunStatus.Running, DateTimeOffset.UnixEpoch, ETag: "W/\"x\"");
        var shards = new[]
        {
            new ShardProgress(Day, 0, ShardStatus.Done, "C9", new RunCounts(Customers: 10, Emails: 2)),
            new ShardProgress(Day, 2, ShardStatus.Running, "C3", new RunCounts(Customers: 3)),
        };

        var view = RunView.From(run, shards, []);

        Assert.Equal("running", view.Status);
        Assert.Equal((4, 1, 1, 2), (view.Shards.Total, view.Shards.Done, view.Shards.Running, view.Shards.NotStarted));
        Assert.Equal([1, 2, 3], view.Shards.Pending);
        Assert.Equal(13, view.Shards.CountsSoFar.Customers);
    }

    [Fact]
    public void SerializesCamelCaseWithoutTheStorageETagGivenWebDefaults()
    {
        var run = new RunRecord(Day, "v1", 1, RunStatus.Completed, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, RunCounts.Zero, ETag: "W/\"x\"");

        var json = JsonSerializer.Serialize(RunView.From(run, [], []), Web);

        Assert.Contains("\"asOf\":\"2026-11-23\"", json, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"completed\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("etag", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ListsEachDataProblemWithItsCustomerInvoiceFieldAndReason()
    {
        var run = new RunRecord(Day, "v1", 1, RunStatus.Completed, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, new RunCounts(CustomersSkipped: 1));
        DataProblem[] problems = [new(new CustomerId("C-7"), new InvoiceId("INV-9"), "amount", "too large"), new(new CustomerId("C-8"), null, null, "planning failed")];

        var json = JsonSerializer.Serialize(RunView.From(run, [], problems), Web);

        Assert.Contains("\"dataProblems\":[{\"customerId\":\"C-7\",\"invoiceId\":\"INV-9\",\"field\":\"amount\",\"reason\":\"too large\"},"
            + "{\"customerId\":\"C-8\",\"invoiceId\":null,\"field\":null,\"reason\":\"planning failed\"}]", json, StringComparison.Ordinal);
        Assert.Contains("\"customersSkipped\":1", json, StringComparison.Ordinal);
    }
}
