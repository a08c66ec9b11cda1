using System.Globalization;
using System.Text.Json;

namespace ArFunctions.Domain.Policies;

/// <summary>
/// Reads a policy document (see docs/policy.md) into a <see cref="CollectionPolicy"/>, reporting every problem at
/// once, each with the JSON path it concerns and, for a misspelt name, the nearest valid one.
/// </summary>
public static class PolicyLoader
{
    public const string DefaultVersion = "unversioned";

    private static readonly string[] RootProperties =
    [
        "version", "currency", "calendar", "segments", "strategies", "disputeCategories", "hysteresis",
        "contactCap", "contactFallback", "contactOnBusinessDaysOnly", "promises", "minimumBalance", "worklist", "ranking",
        "locale", "baseline", "emails", "portal",
    ];

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The policy, or every error found. Comments and trailing commas are allowed in the document.</summary>
    public static PolicyLoadResult Load(string json, PolicyLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException exception)
        {
            return new PolicyLoadResult(null, [new PolicyError("$", Malformed(exception))]);
        }

        using (document)
        {
            var reader = new PolicyJsonReader();
            var policy = Read(reader, new PolicyNode(document.RootElement, "$"), options ?? new PolicyLoadOptions());
            return new PolicyLoadResult(reader.ErrorCount == 0 ? policy : null, reader.Errors);
        }
    }

    private static CollectionPolicy? Read(PolicyJsonReader reader, PolicyNode root, PolicyLoadOptions options)
    {
        if (!reader.IsObject(root, RootProperties))
        {
            return null;
        }

        var version = reader.String(root, "version") ?? DefaultVersion;
        var currency = SettingsParser.Currency(reader, root);
        var calendar = SettingsParser.Calendar(reader, root);
        var segments = SegmentParser.ParseAll(reader, root);
        var strategies = StrategyParser.ParseAll(reader, root, options);
        var disputes = SettingsParser.DisputeCategories(reader, root);
        var hysteresis = SettingsParser.Hysteresis(reader, root);
        var contact = SettingsParser.Contact(reader, root);
        var promises = SettingsParser.Promises(reader, root);
        var minimumBalance = SettingsParser.MinimumBalance(reader, root);
        var worklist = WorklistParser.Worklist(reader, root);
        var ranking = WorklistParser.Ranking(reader, root);
        var baseline = SettingsParser.Baseline(reader, root, options);
        var locale = SettingsParser.Locale(reader, root);
        var emails = SettingsParser.Emails(reader, root, options);
        var portal = PortalParser.Portal(reader, root);
        CheckStrategyReferences(reader, segments, strategies);
        CheckTeams(reader, segments, worklist);
        if (reader.ErrorCount != 0)
        {
            return null;
        }

        return new CollectionPolicy(
            version,
            currency,
            calendar,
            segments.ConvertAll(s => s.Segment!),
            strategies.ConvertAll(s => s.Strategy!),
            disputes,
            hysteresis,
            contact,
            promises,
            worklist,
            ranking,
            minimumBalance,
            locale)
        {
            Baseline = baseline,
            Emails = emails,
            Portal = portal,
        };
    }

    /// <summary>Every segment names a declared strategy, and every strategy is named by some segment.</summary>
    private static void CheckStrategyReferences(PolicyJsonReader reader, List<SegmentDraft> segments, List<StrategyDraft> strategies)
    {
        var declared = new List<string>(strategies.Count);
        foreach (var strategy in strategies)
        {
            if (strategy.Id is { } id)
            {
                declared.Add(id);
            }
        }

        // A strategy that a misspelt reference was pointed to is reported through that reference only.
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var segment in segments)
        {
            if (segment.StrategyId is not { } id)
            {
                continue;
            }

            if (declared.Contains(id, StringComparer.Ordinal))
            {
                referenced.Add(id);
                continue;
            }

            reader.Error(segment.Node.ChildPath("strategy"), NameSuggester.Unknown("strategy", id, declared));
            if (NameSuggester.Nearest(id, declared) is { } suggested)
            {
                referenced.Add(suggested);
            }
        }

        // Without segments every strategy would be unused; the missing segments are the one error worth reporting.
        if (segments.Count == 0)
        {
            return;
        }

        foreach (var strategy in strategies)
        {
            if (strategy.Id is { } id && !referenced.Contains(id))
            {
                reader.Error(strategy.IdPath, $"strategy '{id}' is not used by any segment");
            }
        }
    }

    /// <summary>When collectors declare teams, a segment's team must be one of them, or its work would reach no one.</summary>
    private static void CheckTeams(PolicyJsonReader reader, List<SegmentDraft> segments, WorklistSettings worklist)
    {
        var teams = worklist.Collectors.Where(c => c.Team is not null).Select(c => c.Team!).Distinct(StringComparer.Ordinal).ToArray();
        if (teams.Length == 0)
        {
            return;
        }

        foreach (var segment in segments)
        {
            if (segment.Team is { } team && !teams.Contains(team, StringComparer.Ordinal))
            {
                var nearest = NameSuggester.Nearest(team, teams);
                reader.Error(segment.Node.ChildPath("team"), nearest is null
                    ? $"no collector is in team '{team}'; teams: {string.Join(", ", teams)}"
                    : $"no collector is in team '{team}', did you mean '{nearest}'?");
            }
        }
    }

    private static string Malformed(JsonException exception)
    {
        // The parser's message ends with its own zero-based "LineNumber: .. | BytePositionInLine: ..": say it once, one-based.
        var message = exception.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            message = message[..cut];
        }

        var line = (exception.LineNumber ?? 0) + 1;
        var position = (exception.BytePositionInLine ?? 0) + 1;
        return string.Create(CultureInfo.InvariantCulture, $"malformed JSON at line {line}, position {position}: {message.TrimEnd()}");
    }
}
