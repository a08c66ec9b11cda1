using System.Text.RegularExpressions;
using ArFunctions.Domain.Portal;
using Microsoft.Extensions.Options;

namespace ArFunctions.Application.Portal;

/// <summary>
/// Settings of the customer page (section <c>ArFunctions:Portal</c>). Unset (no <see cref="BaseUrl"/>, no keys), the
/// portal is off: emails carry no link and every portal route answers 404. <see cref="Keys"/> sign the links: exactly
/// one key has no NotAfter and signs new links; every other key has a NotAfter, until which the links it signed still
/// open (see docs/portal.md, keys and rotation).
/// </summary>
public sealed class PortalOptions
{
    public const string Section = "ArFunctions:Portal";

    /// <summary>The app's public address, e.g. <c>https://func-prod.azurewebsites.net</c>; links are BaseUrl/api/portal/TOKEN.</summary>
    public string? BaseUrl { get; set; }

    public List<PortalKeyOptions> Keys { get; set; } = [];

    /// <summary>Requests one link may make in a burst, and per minute after it (per instance).</summary>
    public int RequestsPerMinute { get; set; } = 30;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(BaseUrl) || Keys.Count > 0;

    /// <summary>The keys as the domain reads them; only valid options (checked on start) are turned into keys.</summary>
    public IReadOnlyList<PortalKey> ToKeys() =>
        Keys.ConvertAll(k => new PortalKey(k.Id!, Convert.FromBase64String(k.Secret!), k.NotAfter));
}

/// <summary>One signing key: <see cref="Secret"/> is base64 of at least 32 random bytes (a Key Vault reference in Azure).</summary>
public sealed class PortalKeyOptions
{
    public string? Id { get; set; }

    public string? Secret { get; set; }

    public DateTimeOffset? NotAfter { get; set; }
}

/// <summary>Fails start-up on a portal half configured or a key that cannot sign, naming the setting.</summary>
public sealed partial class PortalOptionsValidator : IValidateOptions<PortalOptions>
{
    public ValidateOptionsResult Validate(string? name, PortalOptions options)
    {
        if (!options.IsConfigured)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("https" or "http")
            || !string.IsNullOrEmpty(baseUrl.Query) || !string.IsNullOrEmpty(baseUrl.Fragment))
        {
            errors.Add($"{PortalOptions.Section}:BaseUrl must be the app's absolute http(s) address, e.g. https://func-prod.azurewebsites.net (was '{options.BaseUrl}').");
        }

        if (options.Keys.Count == 0)
        {
            errors.Add($"{PortalOptions.Section}:Keys needs at least one key (Id, Secret) to sign links.");
        }

        if (options.RequestsPerMinute is < 1 or > 10_000)
        {
            errors.Add($"{PortalOptions.Section}:RequestsPerMinute must be between 1 and 10000 (was {options.RequestsPerMinute}).");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Keys.Count; i++)
        {
            errors.AddRange(KeyErrors($"{PortalOptions.Section}:Keys:{i}", options.Keys[i], ids));
        }

        var signing = options.Keys.Count(k => k.NotAfter is null);
        if (options.Keys.Count > 0 && signing != 1)
        {
            errors.Add($"{PortalOptions.Section}:Keys must have exactly one key without NotAfter (the one that signs new links); found {signing}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static IEnumerable<string> KeyErrors(string path, PortalKeyOptions key, HashSet<string> ids)
    {
        if (key.Id is null || !KeyIdPattern().IsMatch(key.Id))
        {
            yield return $"{path}:Id must be 1 to 32 letters, digits, '-' or '_' (was '{key.Id}').";
        }
        else if (!ids.Add(key.Id))
        {
            yield return $"{path}:Id '{key.Id}' is used by another key.";
        }

        var bytes = new byte[PortalKey.MinSecretBytes * 8];
        if (string.IsNullOrEmpty(key.Secret) || !Convert.TryFromBase64String(key.Secret, bytes, out var length) || length < PortalKey.MinSecretBytes)
        {
            yield return $"{path}:Secret must be base64 of at least {PortalKey.MinSecretBytes} random bytes (openssl rand -base64 32).";
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyIdPattern();
}
