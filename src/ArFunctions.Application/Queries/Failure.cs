namespace ArFunctions.Application.Queries;

/// <summary>
/// Why a use case did not do what was asked, in the few kinds every edge has to tell apart. The function app maps each
/// kind to an HTTP status and problem type in one place (<c>Problems.For</c>); the CLI prints the detail and errors.
/// </summary>
public enum FailureKind
{
    /// <summary>The input has errors, each named by its field: nothing was read or written.</summary>
    Invalid,

    /// <summary>The request cannot be read at all (not JSON, not the shape asked for): nothing was recorded.</summary>
    Malformed,

    /// <summary>What the request names does not exist.</summary>
    NotFound,

    /// <summary>The request clashes with the state it found (a closed task, a payment resolved elsewhere, a race lost).</summary>
    Conflict,

    /// <summary>The request could not prove who sent it (a webhook's signature, a sign-in): nothing was recorded.</summary>
    Unauthorized,

    /// <summary>The caller is known, and their role does not allow this: nothing was read or written.</summary>
    Forbidden,

    /// <summary>The part of the app the request needs is switched off by its configuration (a webhook source without a usable secret).</summary>
    Disabled,
}

/// <summary>
/// A use case's failure: its kind, a sentence for the person reading it, every field error (for <see cref="FailureKind.Invalid"/>),
/// and any facts that help fix the request (<see cref="Extensions"/>, such as the collectors the policy knows).
/// </summary>
public sealed record Failure(FailureKind Kind, string Detail)
{
    public IReadOnlyList<FieldError> Errors { get; init; } = [];

    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }

    public static Failure Invalid(string detail, IReadOnlyList<FieldError> errors)
    {
        ArgumentOutOfRangeException.ThrowIfZero(errors.Count);
        return new Failure(FailureKind.Invalid, detail) { Errors = errors };
    }

    public static Failure Malformed(string detail) => new(FailureKind.Malformed, detail);

    public static Failure NotFound(string detail) => new(FailureKind.NotFound, detail);

    public static Failure Conflict(string detail) => new(FailureKind.Conflict, detail);

    public static Failure Unauthorized(string detail) => new(FailureKind.Unauthorized, detail);

    public static Failure Forbidden(string detail) => new(FailureKind.Forbidden, detail);

    public static Failure Disabled(string detail) => new(FailureKind.Disabled, detail);

    /// <summary>Quotes a caller's value in a detail, cut to 40 characters so no request can fill a log line or a reply.</summary>
    public static string Quote(string value) => value.Length <= 40 ? value : value[..40] + "...";
}

/// <summary>What every use case's result offers the edge: <see cref="Failure"/> is null when it did what was asked.</summary>
public interface IOutcome
{
    Failure? Failure { get; }
}
