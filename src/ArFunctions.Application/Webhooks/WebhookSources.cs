using System.Runtime.CompilerServices;

namespace ArFunctions.Application.Webhooks;

/// <summary>
/// The webhook sources of one <see cref="WebhookOptions"/> value, each either enabled with the secrets it verifies
/// with or disabled with the reason (see <see cref="WebhookSecretRules"/>). A source that is not configured at all is
/// in neither list.
/// </summary>
public sealed class WebhookSources
{
    // One snapshot per options instance: IOptionsMonitor hands out the same instance until the configuration reloads.
    private static readonly ConditionalWeakTable<WebhookOptions, WebhookSources> Snapshots = [];

    private readonly Dictionary<string, IReadOnlyList<string>> _enabled = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _disabled = new(StringComparer.Ordinal);

    private WebhookSources(WebhookOptions options)
    {
        foreach (var (source, configured) in options.Secrets)
        {
            if (WebhookSecretRules.ProblemWith(source, configured) is { } reason)
            {
                _disabled[source] = reason;
            }
            else
            {
                _enabled[source] = options.SecretsOf(source);
            }
        }
    }

    /// <summary>Enabled sources and their active secrets.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Enabled => _enabled;

    /// <summary>Configured sources that are disabled, and why (no secret text in the reason).</summary>
    public IReadOnlyDictionary<string, string> Disabled => _disabled;

    public static WebhookSources Of(WebhookOptions options) => Snapshots.GetValue(options, o => new WebhookSources(o));

    /// <summary>The active secrets of <paramref name="source"/>; empty when it is disabled or not configured.</summary>
    public IReadOnlyList<string> SecretsOf(string source) => _enabled.TryGetValue(source, out var secrets) ? secrets : [];

    /// <summary>Why <paramref name="source"/> is disabled, or null when it is enabled or not configured.</summary>
    public string? DisabledReasonOf(string source) => _disabled.GetValueOrDefault(source);
}
