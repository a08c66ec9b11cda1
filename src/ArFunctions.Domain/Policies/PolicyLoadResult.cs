using System.Diagnostics.CodeAnalysis;

namespace ArFunctions.Domain.Policies;

/// <summary>One problem in a policy document: where (<c>segments[2].when.field</c>, <c>$</c> for the root) and what.</summary>
public sealed record PolicyError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>
/// The outcome of <see cref="PolicyLoader.Load"/>: a policy and no errors, or no policy and every error found.
/// </summary>
public sealed record PolicyLoadResult(CollectionPolicy? Policy, IReadOnlyList<PolicyError> Errors)
{
    [MemberNotNullWhen(true, nameof(Policy))]
    public bool IsValid => Policy is not null && Errors.Count == 0;
}

/// <summary>What the loader can check beyond the document itself.</summary>
public sealed record PolicyLoadOptions
{
    /// <summary>Template ids that exist; when set, an email or letter step naming any other template is an error.</summary>
    public IReadOnlySet<string>? KnownTemplates { get; init; }
}
