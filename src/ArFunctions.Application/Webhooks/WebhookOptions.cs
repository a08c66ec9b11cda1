using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ArFunctions.Application.Webhooks;

/// <summary>
/// Settings of the payment webhooks (section <c>ArFunctions:Webhooks</c>). <see cref="Secrets"/> maps a source name
/// (the {source} of the route, e.g. <c>stripe</c> or <c>payments</c>) to its active secrets, separated by spaces so a
/// secret can be rotated without downtime. Source <c>stripe</c> uses Stripe's signature scheme (the endpoint secret
/// as is); every other source uses Standard Webhooks (<c>whsec_</c> + base64 key bytes). A configured source whose
/// secrets cannot sign is disabled, not fatal (<see cref="WebhookSources"/>).
/// </summary>
public sealed class WebhookOptions
{
    public const string Section = "ArFunctions:Webhooks";

    public const string StripeSource = "stripe";

    public Dictionary<string, string> Secrets { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How far a signed timestamp may be from now, either way.</summary>
    public int ToleranceSeconds { get; set; } = 300;

    public TimeSpan Tolerance => TimeSpan.FromSeconds(ToleranceSeconds);

    /// <summary>The secrets configured for <paramref name="source"/>, checked or not; empty when it has none.</summary>
    public IReadOnlyList<string> SecretsOf(string source) =>
        Secrets.TryGetValue(source, out var value) && value is not null
            ? value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];
}

/// <summary>
/// Fails start-up only for settings that are wrong whatever the secrets say (the tolerance). A source whose secret
/// cannot sign is not an error here: <see cref="WebhookSources"/> disables it and the rest of the app runs.
/// </summary>
public sealed partial class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options) =>
        options.ToleranceSeconds is < 1 or > 3600
            ? ValidateOptionsResult.Fail($"{WebhookOptions.Section}:ToleranceSeconds must be between 1 and 3600 (was {options.ToleranceSeconds}).")
            : ValidateOptionsResult.Success;

    public static bool IsValidSource(string? source) => source is not null && SourcePattern().IsMatch(source);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex SourcePattern();
}
