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

        if (options.QueuePrefix is null || options.QueuePrefix.Length > 20 || !options.QueuePrefix.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            failures.Add($"{Section}:QueuePrefix must be at most 20 lower-case letters, digits or hyphens; it is '{options.QueuePrefix}'.");
        }

        if (!IsValidTablePrefix(options.TablePrefix))
        {
            failures.Add($"{Section}:TablePrefix must be 1 to {StorageOptions.MaxTablePrefixLength} ASCII letters or digits starting with a letter; it is '{options.TablePrefix}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

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
