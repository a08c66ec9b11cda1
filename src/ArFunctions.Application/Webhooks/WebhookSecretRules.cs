namespace ArFunctions.Application.Webhooks;

/// <summary>
/// Decides whether the configured secrets of one webhook source can sign requests. A value that cannot (missing,
/// malformed, a placeholder, a Key Vault reference the platform left unresolved) disables that source only: the app
/// still starts. The reasons never quote a secret, so they are safe in logs and problem bodies.
/// </summary>
public static class WebhookSecretRules
{
    /// <summary>Characters a Stripe endpoint secret needs after <c>whsec_</c> (Stripe issues 32 or more).</summary>
    public const int MinStripeSecretCharacters = 16;

    /// <summary>Key bytes a Standard Webhooks secret needs (the specification asks for 24 to 64).</summary>
    public const int MinStandardKeyBytes = 24;

    /// <summary>How App Service writes a Key Vault reference; it reaches the app as is when it cannot be resolved.</summary>
    public const string KeyVaultReferencePrefix = "@Microsoft.KeyVault(";

    /// <summary>
    /// Null when every secret in <paramref name="configured"/> (space-separated during a rotation) can sign for
    /// <paramref name="source"/>; otherwise why the source must stay disabled.
    /// </summary>
    public static string? ProblemWith(string source, string? configured)
    {
        if (!WebhookOptionsValidator.IsValidSource(source))
        {
            return "a source name is 1 to 40 lower-case letters, digits and hyphens";
        }

        if (string.IsNullOrWhiteSpace(configured))
        {
            return "no secret is set";
        }

        if (configured.Contains(KeyVaultReferencePrefix, StringComparison.OrdinalIgnoreCase))
        {
            return "the setting is a Key Vault reference the platform did not resolve (does the secret exist, and may the app's identity read it?)";
        }

        var secrets = configured.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = 0; i < secrets.Length; i++)
        {
            var problem = source == WebhookOptions.StripeSource ? StripeProblem(secrets[i]) : StandardProblem(secrets[i]);
            if (problem is not null)
            {
                return secrets.Length == 1 ? problem : $"secret {i + 1} of {secrets.Length}: {problem}";
            }
        }

        return null;
    }

    private static string? StripeProblem(string secret)
    {
        if (!secret.StartsWith(StandardWebhookVerifier.SecretPrefix, StringComparison.Ordinal))
        {
            return $"a Stripe secret starts with '{StandardWebhookVerifier.SecretPrefix}'";
        }

        var body = secret.AsSpan(StandardWebhookVerifier.SecretPrefix.Length);
        if (body.Length < MinStripeSecretCharacters)
        {
            return $"a Stripe secret has at least {MinStripeSecretCharacters} characters after '{StandardWebhookVerifier.SecretPrefix}'";
        }

        foreach (var c in body)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-'))
            {
                return $"a Stripe secret has only letters, digits, '_' and '-' after '{StandardWebhookVerifier.SecretPrefix}' (this looks like a placeholder)";
            }
        }

        return IsOneRepeatedItem(body) ? "the Stripe secret is one character repeated (a placeholder)" : null;
    }

    private static string? StandardProblem(string secret)
    {
        if (!secret.StartsWith(StandardWebhookVerifier.SecretPrefix, StringComparison.Ordinal))
        {
            return $"a Standard Webhooks secret starts with '{StandardWebhookVerifier.SecretPrefix}'";
        }

        if (StandardWebhookVerifier.DecodeSecret(secret) is not { } key)
        {
            return $"a Standard Webhooks secret is '{StandardWebhookVerifier.SecretPrefix}' followed by valid base64";
        }

        if (key.Length < MinStandardKeyBytes)
        {
            return $"a Standard Webhooks secret holds at least {MinStandardKeyBytes} key bytes";
        }

        return IsOneRepeatedItem<byte>(key) ? "the Standard Webhooks key is one byte repeated (a placeholder)" : null;
    }

    private static bool IsOneRepeatedItem<T>(ReadOnlySpan<T> items)
        where T : IEquatable<T>
    {
        foreach (var item in items)
        {
            if (!item.Equals(items[0]))
            {
                return false;
            }
        }

        return true;
    }
}
