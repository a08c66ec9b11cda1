using ArFunctions.Application.Queries;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Application.Policies;

/// <summary>
/// A stored policy version as served: its number, content hash, the document's own version, who saved it and when,
/// and the document text exactly as it was saved (comments and layout kept).
/// </summary>
public sealed record PolicyDocument(
    int Version,
    string ContentHash,
    string PolicyVersion,
    DateTimeOffset SavedAt,
    string? SavedBy,
    string? Note,
    string Document)
{
    public static PolicyDocument From(StoredPolicy stored) =>
        new(stored.Version, stored.ContentHash, stored.PolicyVersion, stored.SavedAt, stored.SavedBy, stored.Note, stored.Document);
}

/// <summary>The versions of the policy, newest first; <see cref="Current"/> is the one in force.</summary>
public sealed record PolicyHistory(int Current, IReadOnlyList<PolicyVersionInfo> Versions);

public enum PolicyPutStatus
{
    /// <summary>Stored as a new version (HTTP 200/201).</summary>
    Saved,

    /// <summary>Same content as the version in force: nothing stored (HTTP 200).</summary>
    Unchanged,

    /// <summary>The document (or note) has errors: nothing stored (HTTP 400 with every error).</summary>
    Invalid,

    /// <summary>Other writers kept taking the next version number: nothing stored, try again (HTTP 409).</summary>
    Conflict,
}

/// <summary>
/// What a PUT of the policy did. <see cref="Policy"/> is the version saved (Saved) or the one in force (Unchanged);
/// <see cref="Errors"/> lists every problem, each with its JSON path (<c>segments[2].when.field</c>), when Invalid.
/// </summary>
public sealed record PolicyPutResult(PolicyPutStatus Status, PolicyVersionInfo? Policy, IReadOnlyList<PolicyError> Errors) : IOutcome
{
    public Failure? Failure => Status switch
    {
        PolicyPutStatus.Saved or PolicyPutStatus.Unchanged => null,
        PolicyPutStatus.Conflict => Failure.Conflict("Other saves kept taking the next version number; try again."),
        _ => Failure.Invalid($"The policy has {Errors.Count} error(s); nothing was saved.", [.. Errors.Select(e => new FieldError(e.Path, e.Message))]),
    };

    public static PolicyPutResult Saved(PolicyVersionInfo policy) => new(PolicyPutStatus.Saved, policy, []);

    public static PolicyPutResult Unchanged(PolicyVersionInfo policy) => new(PolicyPutStatus.Unchanged, policy, []);

    public static PolicyPutResult Invalid(IReadOnlyList<PolicyError> errors) => new(PolicyPutStatus.Invalid, null, errors);

    public static PolicyPutResult Conflict() => new(PolicyPutStatus.Conflict, null, [new PolicyError("$", "other changes kept being saved at the same time; fetch the policy and try again")]);
}
