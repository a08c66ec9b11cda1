using ArFunctions.Application.Access;
using ArFunctions.Application.Queries;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ArFunctions.FunctionApp.Identity;

/// <summary>Where the app may take a person's identity from.</summary>
public sealed class IdentityOptions
{
    public const string Section = "ArFunctions:Identity";

    /// <summary>The setting App Service sets (to <c>True</c>) when its authentication is enabled for the app.</summary>
    public const string PlatformAuthSetting = "WEBSITE_AUTH_ENABLED";

    /// <summary>
    /// Local development and tests only: trust <c>X-MS-CLIENT-PRINCIPAL</c> as if App Service authentication had set
    /// it. Refused at start unless the environment is Development.
    /// </summary>
    public bool DevelopmentPrincipals { get; set; }
}

/// <summary>Refuses the development principal source outside Development, so a deployed app can never be told who is calling by the caller.</summary>
public sealed class IdentityOptionsValidator(IHostEnvironment environment, IConfiguration configuration) : IValidateOptions<IdentityOptions>
{
    public ValidateOptionsResult Validate(string? name, IdentityOptions options) =>
        options.DevelopmentPrincipals && !IsDevelopment()
            ? ValidateOptionsResult.Fail($"{IdentityOptions.Section}:DevelopmentPrincipals is for local development only; the environment is '{environment.EnvironmentName}', not Development. Remove the setting.")
            : ValidateOptionsResult.Success;

    private bool IsDevelopment() =>
        environment.IsDevelopment() || string.Equals(configuration["AZURE_FUNCTIONS_ENVIRONMENT"], Environments.Development, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// The caller of an HTTP function. <see cref="Read"/> finds the person in <c>X-MS-CLIENT-PRINCIPAL</c> when the platform
/// set it (App Service authentication is enabled, <see cref="IdentityOptions.PlatformAuthSetting"/>), or in Development
/// when <see cref="IdentityOptions.DevelopmentPrincipals"/> is on; otherwise nobody, whatever identity headers the
/// request carries. A principal the platform should have set but that cannot be read is a failure (401), never a
/// guess. <see cref="CallerGate"/> reads it once per request and <see cref="Of"/> answers what the gate admitted.
/// </summary>
public sealed class CallerSource(IConfiguration configuration, IOptions<IdentityOptions> options)
{
    private const string ItemKey = "ArFunctions.Caller";

    private readonly bool _trusted =
        string.Equals(configuration[IdentityOptions.PlatformAuthSetting], "true", StringComparison.OrdinalIgnoreCase) || options.Value.DevelopmentPrincipals;

    /// <summary>Whether identity headers are trusted at all (platform authentication on, or the development source).</summary>
    public bool TrustsPrincipals => _trusted;

    /// <summary>The caller the gate admitted for this request (a person, a machine, or nobody on a public route).</summary>
    public static Caller Of(HttpRequest request) =>
        request.HttpContext.Items.TryGetValue(ItemKey, out var caller) && caller is Caller admitted
            ? admitted
            : throw new InvalidOperationException("No caller was admitted for this request: the function has no [Callers] audience, or CallerGate is not in the pipeline.");

    /// <summary>The person the request carries, as far as it can be trusted.</summary>
    public (Caller Caller, Failure? Failure) Read(HttpRequest request)
    {
        if (!_trusted || request.Headers[ClientPrincipal.Header].ToString() is not { Length: > 0 } header)
        {
            return (Caller.Anonymous, null);
        }

        var (caller, error) = ClientPrincipal.Decode(header);
        return caller is null ? (Caller.Anonymous, Failure.Unauthorized($"The sign-in could not be read: {error}. Sign in again.")) : (caller, null);
    }

    internal static void Remember(HttpContext http, Caller caller) => http.Items[ItemKey] = caller;
}
