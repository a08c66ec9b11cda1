using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ArFunctions.Application.Webhooks;

/// <summary>
/// Settings of the payment webhooks (section <c>ArFunctions:Webhooks</c>). <see cref="Secrets"/> maps a source name
/// (the {source} of the route, e.g. <c>stripe</c> or <c>payments</c>) to its active secrets, separated by spaces so a
/// secret can be rotated without downtime. A source with no secret is not accepted. Source <c>stripe</c> uses
/// Stripe's signature scheme (the endpoint secret as is); every other source uses Standard Webhooks
/// (<c>whsec_</c> + base64 key bytes).
/// </summary>
public sealed class WebhookOptions
{
    public const string Section = "ArFunctions:Webhooks";

    public const string StripeSource = "stripe";

    public Dictionary<string, string> Secrets { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How far a signed timestamp may be from now, either way.</summary>
    public int ToleranceSeconds { get; set; } = 300;

    public TimeSpan Tolerance => TimeSpan.FromSeconds(ToleranceSeconds);

    /// <summary>The active secrets of <paramref name="source"/>; empty when the source is not configured.</summary>
    public IReadOnlyList<string> SecretsOf(string source) =>
        Secrets.TryGetValue(source, out var value) && value is not null
            ? value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];
}

public sealed partial class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var errors = new List<string>();
        if (options.ToleranceSeconds is < 1 or > 3600)
        {
            errors.Add($"{WebhookOptions.Section}:ToleranceSeconds must be between 1 and 3600 (was {options.ToleranceSeconds}).");
        }

        foreach (var source in options.Secrets.Keys)
        {
            if (!IsValidSource(source))
            {
                errors.Add($"{WebhookOptions.Section}:Secrets:{source}: a source name is 1 to 40 lower-case letters, digits and hyphens.");
                continue;
            }

            foreach (var secret in options.SecretsOf(source))
            {
                if (source != WebhookOptions.StripeSource && StandardWebhookVerifier.DecodeSecret(secret) is null)
                {
                    errors.Add($"{WebhookOptions.Section}:Secrets:{source}: each secret must be 'whsec_' followed by base64 key bytes.");
                }
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static bool IsValidSource(string? source) => source is not null && SourcePattern().IsMatch(source);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex SourcePattern();
}
