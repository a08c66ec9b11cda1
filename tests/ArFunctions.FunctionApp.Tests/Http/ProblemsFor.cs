using System.Text.RegularExpressions;
using ArFunctions.Application.Queries;
using ArFunctions.FunctionApp.Http;
using ArFunctions.FunctionApp.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ArFunctions.FunctionApp.Tests.Http;

/// <summary>The one mapping of use-case failures to HTTP, checked against the problem types docs/api.md documents.</summary>
public sealed partial class ProblemsFor
{
    private static readonly HashSet<string> DocumentedTypes = [.. DocumentedSections().Matches(File.ReadAllText(Path.Combine(Repository.Root, "docs", "api.md"))).Select(m => m.Groups[1].Value)];

    public static TheoryData<FailureKind, int, string> Kinds => new()
    {
        { FailureKind.Invalid, 400, "validation" },
        { FailureKind.Malformed, 400, "bad-request" },
        { FailureKind.NotFound, 404, "not-found" },
        { FailureKind.Conflict, 409, "conflict" },
        { FailureKind.Unauthorized, 401, "unauthorized" },
        { FailureKind.Forbidden, 403, "forbidden" },
        { FailureKind.Disabled, 503, "source-disabled" },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void GivesEveryFailureKindItsStatusAndADocumentedProblemType(FailureKind kind, int status, string type)
    {
        var failure = kind == FailureKind.Invalid ? Failure.Invalid("bad", [new FieldError("asOf", "is required")]) : new Failure(kind, "detail");

        var problem = Assert.IsType<ProblemHttpResult>(Problems.For(failure));

        Assert.Equal(status, problem.StatusCode);
        Assert.EndsWith("docs/api.md#" + type, problem.ProblemDetails.Type, StringComparison.Ordinal);
        Assert.Contains(type, DocumentedTypes);
        Assert.Equal(failure.Detail, problem.ProblemDetails.Detail);
    }

    [Fact]
    public void CoversEveryFailureKind() =>
        Assert.Equal(Enum.GetValues<FailureKind>().Order(), Kinds.Select(row => (FailureKind)row[0]).Order());

    [Fact]
    public void ListsEveryFieldErrorWithItsIndexOnlyForInvalidRequests()
    {
        var invalid = Assert.IsType<ProblemHttpResult>(Problems.For(Failure.Invalid("two problems", [new FieldError("dueDate", "is required") { Index = 3 }, new FieldError("top", "too big")])));
        var notFound = Assert.IsType<ProblemHttpResult>(Problems.For(Failure.NotFound("no such task")));

        var errors = Assert.IsType<IReadOnlyList<FieldError>>(invalid.ProblemDetails.Extensions["errors"], exactMatch: false);
        Assert.Equal([(3, "dueDate"), (-1, "top")], errors.Select(e => (e.Index, e.Field)));
        Assert.False(notFound.ProblemDetails.Extensions.ContainsKey("errors"));
    }

    [Fact]
    public void CarriesTheFactsThatHelpFixTheRequest()
    {
        var failure = Failure.NotFound("No such collector in the policy.") with { Extensions = new Dictionary<string, object?> { ["knownCollectors"] = new[] { "alice" } } };

        var problem = Assert.IsType<ProblemHttpResult>(Problems.For(failure));

        Assert.Equal(new[] { "alice" }, problem.ProblemDetails.Extensions["knownCollectors"]);
    }

    [Fact]
    public void AnswersTheEndpointsSuccessOnlyWhenNothingFailed()
    {
        var ok = QueryResult<string>.Ok("found").ToHttp(value => TypedResults.Ok(value));
        var missing = QueryResult<string>.NotFound("No run for 2026-11-23.").ToHttp(value => TypedResults.Ok(value));

        Assert.Equal("found", Assert.IsType<Ok<string>>(ok).Value);
        Assert.Equal(404, Assert.IsType<ProblemHttpResult>(missing).StatusCode);
    }

    [GeneratedRegex(@"^### ([a-z-]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex DocumentedSections();
}
