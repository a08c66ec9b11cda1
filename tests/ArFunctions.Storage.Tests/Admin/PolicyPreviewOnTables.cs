using ArFunctions.Application.Queries;
using ArFunctions.Application.Runs;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using ArFunctions.Storage.Tests.DailyRuns;
using ArFunctions.Storage.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ArFunctions.Storage.Tests.Admin;

/// <summary>
/// The policy preview over a six-customer portfolio whose every difference is worked out by hand. Each customer has one
/// open invoice of 1000 USD, so its day is the latest due step of its segment's ladder (the ledger is empty):
/// <list type="bullet">
/// <item>A (DE, 2 days past due): in force the day-1 call; the draft's new day-2 email supersedes it.</item>
/// <item>B (DE, 7 days): the day-5 email under both.</item>
/// <item>C (FR, 1 day): in force the firm day-1 call; the draft removes that step, so nothing.</item>
/// <item>D (FR, 6 days): the firm day-5 email, its template "firm" in force and "final" in the draft.</item>
/// <item>E (DE, not due for 10 days): nothing under both.</item>
/// <item>F (BE, 6 days): in force standard's day-5 email "overdue"; the draft moves BE into "abroad": firm's "final".</item>
/// </list>
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class PolicyPreviewOnTables(AzuriteFixture azurite)
{
    private static readonly DateOnly Day = AdminHarness.Day;

    private const string InForce = """
        {
          "version": "preview-in-force",
          "segments": [
            { "id": "abroad", "when": { "field": "country", "op": "=", "value": "FR" }, "strategy": "firm", "team": "abroad" },
            { "id": "standard", "default": true, "strategy": "standard", "team": "home" }
          ],
          "strategies": [
            { "id": "standard", "steps": [
              { "day": 1, "action": "call", "contactRole": "ap-clerk" },
              { "day": 5, "action": "email", "template": "overdue" } ] },
            { "id": "firm", "steps": [
              { "day": 1, "action": "call", "contactRole": "ap-clerk" },
              { "day": 5, "action": "email", "template": "firm" } ] }
          ],
          "worklist": { "capacityPerCollector": 1, "collectors": [ { "id": "carol", "team": "home" }, { "id": "dave", "team": "abroad", "capacity": 2 } ] }
        }
        """;

    private const string Draft = """
        {
          "version": "preview-draft",
          "segments": [
            { "id": "abroad", "when": { "any": [ { "field": "country", "op": "=", "value": "FR" }, { "field": "country", "op": "=", "value": "BE" } ] }, "strategy": "firm", "team": "abroad" },
            { "id": "standard", "default": true, "strategy": "standard", "team": "home" }
          ],
          "strategies": [
            { "id": "standard", "steps": [
              { "day": 1, "action": "call", "contactRole": "ap-clerk" },
              { "day": 2, "action": "email", "template": "overdue" },
              { "day": 5, "action": "email", "template": "overdue" } ] },
            { "id": "firm", "steps": [
              { "day": 5, "action": "email", "template": "final" } ] }
          ],
          "worklist": { "capacityPerCollector": 1, "collectors": [ { "id": "carol", "team": "home" }, { "id": "dave", "team": "abroad", "capacity": 2 } ] }
        }
        """;

    [Fact]
    public async Task ListsExactlyTheHandCheckedDifferencesAndTotalsAndWritesNothingGivenADraft()
    {
        await using var harness = await SeededAsync();
        // The first read of a fresh storage account creates the tables it reads and seeds the policy table, as any
        // first read does; a deployment has done that long before anyone previews. Only the second must write nothing.
        await harness.Get<PolicyPreview>().PreviewAsync(Draft, Day, CancellationToken.None);
        var before = await AdminHarness.SnapshotAsync(harness);

        var report = (await harness.Get<PolicyPreview>().PreviewAsync(Draft, Day, CancellationToken.None)).Value!;

        var after = await AdminHarness.SnapshotAsync(harness);
        Assert.True(before.SequenceEqual(after), string.Join("; ", after.Except(before).Concat(before.Except(after))));
        Assert.Equal((Day, "preview-in-force", "preview-draft", 6), (report.AsOf, report.PolicyInForce, report.Draft, report.Customers));
        Assert.False(report.ChangesNothing);
        Assert.Equal(["A", "C", "D", "F"], report.Differences.Select(d => d.CustomerId).Order(StringComparer.Ordinal));
        Assert.Equal(4, report.CustomersChanged);

        var a = Of(report, "A");
        Assert.Equal(("email", "overdue", "I-A:d2-email"), Summary(Assert.Single(a.Added)));
        Assert.Equal(("call", null, "I-A:d1-call"), Summary(Assert.Single(a.Removed)));
        Assert.Empty(a.Changed);
        Assert.Equal(("standard", "standard"), (a.SegmentInForce, a.SegmentDraft));

        var c = Of(report, "C");
        Assert.Equal(("call", null, "I-C:d1-call"), Summary(Assert.Single(c.Removed)));
        Assert.Empty(c.Added);
        Assert.Empty(c.Changed);

        var d = Of(report, "D");
        var template = Assert.Single(d.Changed);
        Assert.Equal(["template"], template.Fields);
        // Nothing ran on this storage yet: the day is D's first run, a baseline, where the policy in force's later email
        // speaks as a first contact (overdue); the draft's is its ladder's first email after the due date, so it keeps final.
        Assert.Equal(("overdue", "final"), (template.InForce.Template, template.Draft.Template));
        Assert.Empty(d.Added);
        Assert.Empty(d.Removed);

        var f = Of(report, "F");
        Assert.Equal(("standard", "abroad"), (f.SegmentInForce, f.SegmentDraft));
        Assert.Equal(["template"], Assert.Single(f.Changed).Fields);

        var segments = report.Segments.ToDictionary(s => s.Segment);
        Assert.Equal(["abroad", "standard"], segments.Keys);
        Assert.Equal((4, 1, 2), Totals(segments["standard"].InForce));
        Assert.Equal((3, 0, 2), Totals(segments["standard"].Draft));
        Assert.Equal((2, 1, 1), Totals(segments["abroad"].InForce));
        Assert.Equal((3, 0, 2), Totals(segments["abroad"].Draft));

        Assert.Equal(
            [new CollectorCalls("carol", 1, 1, 1, 0), new CollectorCalls("dave", 2, 1, 2, 0)],
            report.Collectors);
    }

    [Fact]
    public async Task ChangesNothingGivenADraftEqualToThePolicyInForce()
    {
        await using var harness = await SeededAsync();

        var report = (await harness.Get<PolicyPreview>().PreviewAsync(InForce, Day, CancellationToken.None)).Value!;

        Assert.True(report.ChangesNothing);
        Assert.Empty(report.Differences);
        Assert.All(report.Segments, s => Assert.Equal(s.InForce, s.Draft));
        Assert.All(report.Collectors, c => Assert.Equal(c.CallsInForce, c.CallsDraft));
        Assert.Equal(2, report.Collectors.Sum(c => c.CallsInForce));
    }

    [Fact]
    public async Task IsInvalidWithEveryLoaderErrorAndItsPathGivenAnInvalidDraft()
    {
        await using var harness = await SeededAsync();
        var broken = Draft.Replace("\"template\": \"final\"", "\"template\": \"final\", \"contactRol\": \"cfo\"", StringComparison.Ordinal)
            .Replace("\"op\": \"=\", \"value\": \"BE\"", "\"op\": \"=\", \"value\": \"BE\", \"fild\": 1", StringComparison.Ordinal);

        var result = await harness.Get<PolicyPreview>().PreviewAsync(broken, Day, CancellationToken.None);

        Assert.Equal(QueryStatus.Invalid, result.Status);
        Assert.Contains(result.Errors, e => e.Field == "strategies[1].steps[0].contactRol" && e.Reason.Contains("contactRole", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Field.StartsWith("segments[0].when.any[1]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IsInvalidGivenADateBeforeARunAlreadyOpened()
    {
        await using var harness = await SeededAsync();
        await harness.RunDayAsync(Day);

        var result = await harness.Get<PolicyPreview>().PreviewAsync(Draft, Day.AddDays(-1), CancellationToken.None);

        Assert.Equal("asOf", Assert.Single(result.Errors).Field);
    }

    private async Task<DailyRunHarness> SeededAsync()
    {
        var policyPath = Path.Combine(Path.GetTempPath(), AzuriteFixture.UniqueName("preview-policy") + ".json");
        await File.WriteAllTextAsync(policyPath, InForce);
        var harness = await DailyRunHarness.CreateAsync(
            azurite, 4, services => services.AddSingleton<TimeProvider>(new StoppedClock(new DateTimeOffset(Day.ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero))), policyPath);
        await harness.SeedAsync(
            [Customer("A", "DE"), Customer("B", "DE"), Customer("C", "FR"), Customer("D", "FR"), Customer("E", "DE"), Customer("F", "BE")],
            [Invoice("A", 2), Invoice("B", 7), Invoice("C", 1), Invoice("D", 6), Invoice("E", -10), Invoice("F", 6)]);
        return harness;
    }

    private static Customer Customer(string id, string country) => new()
    {
        Id = new CustomerId(id),
        Name = "Customer " + id,
        Country = country,
        CustomerSince = Day.AddYears(-3),
        Contacts = [new Contact("Pat " + id, ContactRole.ApClerk, $"pat.{id.ToLowerInvariant()}@example.com", "+49 30 1234567")],
    };

    private static Invoice Invoice(string customer, int daysPastDue) => new()
    {
        Id = new InvoiceId("I-" + customer),
        CustomerId = new CustomerId(customer),
        IssueDate = Day.AddDays(-daysPastDue - 30),
        DueDate = Day.AddDays(-daysPastDue),
        Amount = 1000m,
        OpenAmount = 1000m,
        Currency = new CurrencyCode("USD"),
    };

    private static CustomerDifference Of(PolicyPreviewReport report, string customer) => report.Differences.Single(d => d.CustomerId == customer);

    private static (string Kind, string? Template, string Steps) Summary(DryRunAction action) => (action.Kind, action.Template, string.Join(",", action.Steps));

    private static (int Customers, int Calls, int Emails) Totals(Application.DailyRuns.RunCounts counts) => (counts.Customers, counts.Calls, counts.Emails);
}
