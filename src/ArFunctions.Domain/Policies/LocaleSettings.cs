using System.Globalization;

namespace ArFunctions.Domain.Policies;

/// <summary>
/// The locale (a .NET culture name such as <c>en-US</c> or <c>de-DE</c>) that customer-facing text is written in:
/// <see cref="Countries"/> maps a customer's country (ISO 3166 alpha-2, upper case) to its locale, and every other
/// customer gets <see cref="Default"/>.
/// </summary>
public sealed record LocaleSettings(string Default, IReadOnlyDictionary<string, string> Countries)
{
    public const string DefaultLocale = "en-US";

    /// <summary>No <c>locale</c> section: everyone in <see cref="DefaultLocale"/>.</summary>
    public static LocaleSettings Standard { get; } = new(DefaultLocale, new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>The locale of a customer in <paramref name="country"/> (any case; empty when unknown).</summary>
    public string For(string country) =>
        Countries.TryGetValue(country.Trim().ToUpperInvariant(), out var locale) ? locale : Default;

    /// <summary>Whether <paramref name="name"/> is a specific culture this runtime knows (<c>de-DE</c>, not <c>de</c> or <c>xx-YY</c>).</summary>
    public static bool IsKnown(string name)
    {
        try
        {
            var culture = CultureInfo.GetCultureInfo(name, predefinedOnly: true);
            return !culture.IsNeutralCulture && !Equals(culture, CultureInfo.InvariantCulture);
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }
}
