using Azure;

namespace ArFunctions.Storage.Tables;

public enum UpdateOutcome
{
    /// <summary>The entity was replaced; <see cref="UpdateResult.ETag"/> is its new ETag.</summary>
    Updated,

    /// <summary>Another writer changed the entity since it was read (HTTP 412): read again and decide.</summary>
    Conflict,

    /// <summary>The entity no longer exists (HTTP 404).</summary>
    NotFound,
}

/// <summary>What became of an ETag-guarded update. Conflicts are expected between two writers, so they are not exceptions.</summary>
public readonly record struct UpdateResult(UpdateOutcome Outcome, ETag ETag)
{
    public bool Succeeded => Outcome == UpdateOutcome.Updated;
}

/// <summary>A value read together with the ETag that guards its next update.</summary>
public sealed record Versioned<T>(T Value, ETag ETag);
