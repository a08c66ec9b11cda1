using ArFunctions.Application.Ports;
using ArFunctions.Domain.Policies;
using Microsoft.Extensions.Logging;

namespace ArFunctions.Application.Policies;

/// <summary>
/// Reads and replaces the collection policy. A new document is validated in full (with the deployment's template ids
/// when a template catalog is registered) and stored as the next version; an invalid one stores nothing and yields
/// every error with its JSON path. Every version is kept. The daily run picks the latest version up at its next start
/// (see <see cref="IPolicySource.GetCurrentAsync"/>).
/// </summary>
public sealed partial class PolicyAdmin(IPolicyStore store, TimeProvider time, ILogger<PolicyAdmin> logger, ITemplateCatalog? templates = null)
{
    /// <summary>Largest document accepted, in characters: far above any real policy, well within what a table row holds.</summary>
    public const int MaxDocumentLength = 256 * 1024;

    public const int MaxNoteLength = 1000;

    public const int MaxSavedByLength = 200;

    /// <summary>Concurrent savers each retry with the next number; past this many lost races the caller is told to retry.</summary>
    private const int MaxAttempts = 5;

    public async Task<PolicyDocument> GetCurrentAsync(CancellationToken cancellationToken) =>
        PolicyDocument.From(await store.GetLatestAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>One version with its document; NotFound for a number never stored, Invalid for a number below 1.</summary>
    public async Task<Queries.QueryResult<PolicyDocument>> GetVersionAsync(int version, CancellationToken cancellationToken)
    {
        if (version < 1)
        {
            return Queries.QueryResult<PolicyDocument>.Invalid("version", "must be 1 or more");
        }

        var stored = await store.GetAsync(version, cancellationToken).ConfigureAwait(false);
        return stored is null ? Queries.QueryResult<PolicyDocument>.NotFound($"No policy version {version}.") : Queries.QueryResult<PolicyDocument>.Ok(PolicyDocument.From(stored));
    }

    public async Task<PolicyHistory> GetHistoryAsync(CancellationToken cancellationToken)
    {
        // Reading the latest first seeds version 1 on a fresh deployment, so the history is never empty.
        var latest = await store.GetLatestAsync(cancellationToken).ConfigureAwait(false);
        var versions = await store.GetHistoryAsync(cancellationToken).ConfigureAwait(false);
        return new PolicyHistory(latest.Version, versions);
    }

    public Task<PolicyPutResult> PutAsync(string json, string? note, CancellationToken cancellationToken) =>
        PutAsync(json, note, savedBy: null, cancellationToken);

    /// <summary>
    /// Validates <paramref name="json"/> and stores it as the next version unless it is the version in force.
    /// <paramref name="savedBy"/> is who saves it (for example the caller's principal name), kept with the version.
    /// </summary>
    public async Task<PolicyPutResult> PutAsync(string json, string? note, string? savedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(json);
        var errors = CheckNotes(note, savedBy);
        var loaded = Validate(json);
        if (errors.Count > 0 || !loaded.IsValid)
        {
            LogRejected(errors.Count + loaded.Errors.Count);
            return PolicyPutResult.Invalid([.. errors, .. loaded.Errors]);
        }

        var hash = PolicyHash.Of(json);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            // A deployment without a policy file stores its first policy here, as version 1.
            var latest = await store.FindLatestAsync(cancellationToken).ConfigureAwait(false);
            if (latest?.ContentHash == hash)
            {
                return PolicyPutResult.Unchanged(Info(latest));
            }

            var next = new StoredPolicy((latest?.Version ?? 0) + 1, json, hash, loaded.Policy.Version, time.GetUtcNow(), savedBy, note);
            if (await store.TryAddAsync(next, cancellationToken).ConfigureAwait(false))
            {
                LogSaved(next.Version, next.PolicyVersion);
                return PolicyPutResult.Saved(Info(next));
            }

            LogRace(next.Version);
        }

        return PolicyPutResult.Conflict();
    }

    /// <summary>
    /// Loads <paramref name="json"/> as a save would, without storing it: the same size limit, the same loader, the same
    /// template ids. Every problem comes back with its JSON path. The policy preview checks its draft with this.
    /// </summary>
    public PolicyLoadResult Validate(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return json.Length > MaxDocumentLength
            ? new PolicyLoadResult(null, [new PolicyError("$", $"the document is {json.Length} characters; at most {MaxDocumentLength} are accepted")])
            : PolicyLoader.Load(json, new PolicyLoadOptions { KnownTemplates = templates?.TemplateIds });
    }

    private static List<PolicyError> CheckNotes(string? note, string? savedBy)
    {
        var errors = new List<PolicyError>();
        if (note is { Length: > MaxNoteLength })
        {
            errors.Add(new PolicyError("note", $"must be at most {MaxNoteLength} characters"));
        }

        if (savedBy is { Length: > MaxSavedByLength })
        {
            errors.Add(new PolicyError("savedBy", $"must be at most {MaxSavedByLength} characters"));
        }

        return errors;
    }

    private static PolicyVersionInfo Info(StoredPolicy stored) =>
        new(stored.Version, stored.ContentHash, stored.PolicyVersion, stored.SavedAt, stored.SavedBy, stored.Note);

    [LoggerMessage(LogLevel.Information, "Policy rejected with {Errors} errors; nothing stored")]
    private partial void LogRejected(int errors);

    [LoggerMessage(LogLevel.Information, "Policy saved as version {Version} (document version {PolicyVersion})")]
    private partial void LogSaved(int version, string policyVersion);

    [LoggerMessage(LogLevel.Information, "Policy version {Version} was taken by a concurrent save; retrying with the next number")]
    private partial void LogRace(int version);
}
