namespace ArFunctions.Application.Policies;

/// <summary>
/// One stored version of the policy document. <see cref="Version"/> counts from 1 and never repeats;
/// <see cref="PolicyVersion"/> is the document's own <c>version</c> field (what runs record).
/// </summary>
public sealed record StoredPolicy(
    int Version,
    string Document,
    string ContentHash,
    string PolicyVersion,
    DateTimeOffset SavedAt,
    string? SavedBy,
    string? Note);

/// <summary>A stored version without its document, for the history.</summary>
public sealed record PolicyVersionInfo(int Version, string ContentHash, string PolicyVersion, DateTimeOffset SavedAt, string? SavedBy, string? Note);

/// <summary>
/// Every version of the policy document ever saved. The policy in force is the latest version. Versions are added
/// with a conditional insert, so two writers can never both store the same version number.
/// </summary>
public interface IPolicyStore
{
    /// <summary>
    /// The latest version. When nothing is stored yet, the deployment's policy file is stored first as version 1; a
    /// deployment that names no policy file has no policy until one is saved, and this fails saying so.
    /// </summary>
    Task<StoredPolicy> GetLatestAsync(CancellationToken cancellationToken);

    /// <summary>As <see cref="GetLatestAsync"/>, but null when nothing is stored and the deployment names no policy file.</summary>
    Task<StoredPolicy?> FindLatestAsync(CancellationToken cancellationToken);

    /// <summary>One version with its document, or null when there is no such version.</summary>
    Task<StoredPolicy?> GetAsync(int version, CancellationToken cancellationToken);

    /// <summary>Every version, newest first, without documents.</summary>
    Task<IReadOnlyList<PolicyVersionInfo>> GetHistoryAsync(CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="policy"/> unless its version number is taken; false when another writer got there first.</summary>
    Task<bool> TryAddAsync(StoredPolicy policy, CancellationToken cancellationToken);
}
