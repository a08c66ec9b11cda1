namespace ArFunctions.FunctionApp.Http;

/// <summary>One invalid field of a request: where (<see cref="Index"/> into a batch, or -1) and why.</summary>
public sealed record FieldError(int Index, string Field, string Reason);

/// <summary>problem+json (RFC 9457) replies: the one place that maps expected outcomes to HTTP errors.</summary>
internal static class Problems
{
    private const string TypeBase = "https://github.com/arfunctions/arfunctions/blob/main/docs/api.md#";

    public static IResult BadRequest(string title, string detail) =>
        Problem(StatusCodes.Status400BadRequest, "bad-request", title, detail);

    /// <summary>400 listing every invalid field at once; nothing was changed.</summary>
    public static IResult Invalid(string detail, IReadOnlyList<FieldError> errors) =>
        Problem(StatusCodes.Status400BadRequest, "validation", "The request is invalid", detail, new Dictionary<string, object?> { ["errors"] = errors });

    /// <summary>400 for a request that is not about a batch: every field error, no index.</summary>
    public static IResult Invalid(string detail, IEnumerable<(string Field, string Reason)> errors) =>
        Invalid(detail, [.. errors.Select(e => new FieldError(-1, e.Field, e.Reason))]);

    public static IResult NotFound(string detail) =>
        Problem(StatusCodes.Status404NotFound, "not-found", "Not found", detail);

    public static IResult Conflict(string detail) =>
        Problem(StatusCodes.Status409Conflict, "conflict", "Conflict", detail);

    public static IResult Unauthorized(string detail) =>
        Problem(StatusCodes.Status401Unauthorized, "unauthorized", "Unauthorized", detail);

    public static IResult UnsupportedMediaType(string detail) =>
        Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Unsupported media type", detail);

    public static IResult Problem(int status, string type, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail, instance: null, statusCode: status, title: title, type: TypeBase + type, extensions: extensions);
}
