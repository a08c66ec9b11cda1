using ArFunctions.Application.DailyRuns;
using Microsoft.Extensions.Options;

namespace ArFunctions.Storage;

/// <summary>Checks <see cref="StorageOptions"/> at start-up; every message names the setting and what to do.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    private const string Section = StorageOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        ValidateAccount(options, failures);
        if (options.ShardCount is < 1 or > StorageOptions.MaxShardCount)
        {
            failures.Add($"{Section}:ShardCount must be between 1 and {StorageOptions.MaxShardCount}; it is {options.ShardCount}.");
        }

        if (!IsValidQueuePrefix(options.QueuePrefix))
        {
            failures.Add($"{Section}:QueuePrefix must be 1 to {StorageOptions.MaxQueuePrefixLength} characters: a lower-case letter, then lower-case letters, digits or single hyphens (such as '{QueueNames.DefaultPrefix}'); it is '{options.QueuePrefix}'.");
        }

        if (!IsValidTablePrefix(options.TablePrefix))
        {
            failures.Add($"{Section}:TablePrefix must be 1 to {StorageOptions.MaxTablePrefixLength} ASCII letters or digits starting with a letter; it is '{options.TablePrefix}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>A prefix is valid when every queue it names, poison queues included, is a valid Azure queue name.</summary>
    internal static bool IsValidQueuePrefix(string? prefix) =>
        prefix is { Length: > 0 and <= StorageOptions.MaxQueuePrefixLength }
        && char.IsAsciiLetterLower(prefix[0])
        && QueueNames.All.All(name => IsValidQueueName(QueueNames.Full(prefix, name)) && IsValidQueueName(QueueNames.Poison(prefix, name)));

    /// <summary>Azure's rule: 3 to 63 lower-case letters, digits and hyphens, a letter or digit at each end, no two hyphens in a row.</summary>
    internal static bool IsValidQueueName(string name) =>
        name.Length is >= 3 and <= 63
        && char.IsAsciiLetterOrDigit(name[0]) && char.IsAsciiLetterOrDigit(name[^1])
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && !name.Contains("--", StringComparison.Ordinal);

    internal static bool IsValidTablePrefix(string? prefix) =>
        prefix is { Length: > 0 and <= StorageOptions.MaxTablePrefixLength }
        && char.IsAsciiLetter(prefix[0])
        && prefix.All(char.IsAsciiLetterOrDigit);

    private static void ValidateAccount(StorageOptions options, List<string> failures)
    {
        var hasUris = options.TableServiceUri is not null || options.QueueServiceUri is not null;
        if (options.UsesConnectionString)
        {
            if (hasUris || !string.IsNullOrWhiteSpace(options.ManagedIdentityClientId))
            {
                failures.Add($"{Section}: set either ConnectionString or TableServiceUri and QueueServiceUri (with ManagedIdentityClientId), not both.");
            }

            return;
        }

        if (!hasUris)
        {
            failures.Add($"{Section}: set ConnectionString (Azurite or an account key), or TableServiceUri and QueueServiceUri to use Entra ID.");
            return;
        }

        CheckUri(options.TableServiceUri, "TableServiceUri", failures);
        CheckUri(options.QueueServiceUri, "QueueServiceUri", failures);
        if (options.ManagedIdentityClientId is { } clientId && !Guid.TryParse(clientId, out _))
        {
            failures.Add($"{Section}:ManagedIdentityClientId must be the identity's client id (a GUID); it is '{clientId}'.");
        }
    }

    private static void CheckUri(Uri? uri, string setting, List<string> failures)
    {
        if (uri is null)
        {
            failures.Add($"{Section}:{setting} is required when the other service URI is set.");
        }
        else if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{Section}:{setting} must be an absolute http(s) URI such as https://<account>.table.core.windows.net; it is '{uri}'.");
        }
    }
}
