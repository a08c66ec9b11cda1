using ArFunctions.Application.Queries;

namespace ArFunctions.FunctionApp.Http;

/// <summary>
/// problem+json (RFC 9457) replies, and the one place that maps outcomes to HTTP: <see cref="For"/> turns every
/// use case's <see cref="Failure"/> into its status and problem type, <see cref="ToHttp"/> answers any
/// <see cref="IOutcome"/>, and the few problems only HTTP has (a body too large or not JSON, an unhandled exception)
/// are the named helpers below. Every <c>type</c> is a section of docs/api.md.
/// </summary>
internal static class Problems
{
    private const string TypeBase = "https://github.com/arfunctions/arfunctions/blob/main/docs/api.md#";

    /// <summary>The success the endpoint chose when the use case did what was asked, else its failure as a problem.</summary>
    public static IResult ToHttp(this IOutcome outcome, Func<IResult> success) =>
        outcome.Failure is { } failure ? For(failure) : success();

    /// <summary>A query's value handed to the endpoint's success, else its failure as a problem.</summary>
    public static IResult ToHttp<T>(this QueryResult<T> result, Func<T, IResult> success)
        where T : class => result.Failure is { } failure ? For(failure) : success(result.Value!);

    public static IResult For(Failure failure)
    {
        var (status, type, title) = failure.Kind switch
        {
            FailureKind.Invalid => (StatusCodes.Status400BadRequest, "validation", "The request is invalid"),
            FailureKind.Malformed => (StatusCodes.Status400BadRequest, "bad-request", "The request could not be read"),
            FailureKind.NotFound => (StatusCodes.Status404NotFound, "not-found", "Not found"),
            FailureKind.Conflict => (StatusCodes.Status409Conflict, "conflict", "Conflict"),
            FailureKind.Unauthorized => (StatusCodes.Status401Unauthorized, "unauthorized", "Unauthorized"),
            FailureKind.Forbidden => (StatusCodes.Status403Forbidden, "forbidden", "Forbidden"),
            FailureKind.Disabled => (StatusCodes.Status503ServiceUnavailable, "source-disabled", "Disabled by its configuration"),
            _ => throw new ArgumentOutOfRangeException(nameof(failure), failure.Kind, "unknown failure kind"),
        };
        var extensions = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (failure.Kind == FailureKind.Invalid)
        {
            extensions["errors"] = failure.Errors;
        }

        foreach (var (key, value) in failure.Extensions ?? new Dictionary<string, object?>())
        {
            extensions[key] = value;
        }

        return Problem(status, type, title, failure.Detail, extensions);
    }

    /// <summary>400 naming every invalid field of the request at once; nothing was changed.</summary>
    public static IResult Invalid(string detail, IReadOnlyList<FieldError> errors) => For(Failure.Invalid(detail, errors));

    public static IResult Malformed(string detail) => For(Failure.Malformed(detail));

    public static IResult NotFound(string detail) => For(Failure.NotFound(detail));

    public static IResult UnsupportedMediaType(string detail) =>
        Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Unsupported media type", detail);

    public static IResult TooLarge(string detail) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "too-large", "Payload too large", detail);

    public static IResult Problem(int status, string type, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail, instance: null, statusCode: status, title: title, type: TypeBase + type, extensions: extensions is { Count: > 0 } ? extensions : null);
}
