using System.Collections.Concurrent;
using System.Globalization;

namespace ArFunctions.Email.Templates;

/// <summary>
/// Dates and amounts the way a customer in one locale writes them (a .NET culture name, from the policy's
/// <c>locale</c>). Dates: month-first cultures get the abbreviated month name (en-US: "Sep 24, 2026"), so a date never
/// reads as day-first to anyone; every other culture its short date with a four-digit year (de-DE: "24.09.2026").
/// Amounts: two decimals in the culture's currency pattern; the culture's own currency with its symbol (en-US
/// "$1,234.50", de-DE "1.234,50 €"), any other currency with its ISO code ("EUR 1,234.50", "1.234,50 USD").
/// </summary>
internal sealed class CustomerFormat
{
    private static readonly ConcurrentDictionary<string, CustomerFormat> Cache = new(StringComparer.Ordinal);

    private readonly CultureInfo _culture;
    private readonly string _datePattern;
    private readonly string _ownCurrency;
    private readonly ConcurrentDictionary<string, NumberFormatInfo> _money = new(StringComparer.Ordinal);

    private CustomerFormat(CultureInfo culture)
    {
        _culture = culture;
        var shortDate = culture.DateTimeFormat.ShortDatePattern;
        _datePattern = shortDate.TrimStart().StartsWith('M')
            ? "MMM d, yyyy"
            : shortDate.Contains("yyyy", StringComparison.Ordinal) ? shortDate : shortDate.Replace("yy", "yyyy", StringComparison.Ordinal);
        _ownCurrency = new RegionInfo(culture.Name).ISOCurrencySymbol;
    }

    /// <summary>The format of <paramref name="locale"/> (validated when the policy loads).</summary>
    public static CustomerFormat For(string locale) => Cache.GetOrAdd(locale, l => new CustomerFormat(CultureInfo.GetCultureInfo(l)));

    public string Date(DateOnly date) => date.ToString(_datePattern, _culture);

    public string Money(decimal amount, string currency) => amount.ToString("C", _money.GetOrAdd(currency, MoneyFormat));

    private NumberFormatInfo MoneyFormat(string currency)
    {
        var format = (NumberFormatInfo)_culture.NumberFormat.Clone();
        format.CurrencyDecimalDigits = 2;
        if (string.Equals(currency, _ownCurrency, StringComparison.Ordinal))
        {
            return format;
        }

        // An ISO code needs a space where a symbol sits flush against the number: "$n" becomes "EUR n".
        format.CurrencySymbol = currency;
        format.CurrencyPositivePattern = format.CurrencyPositivePattern switch { 0 => 2, 1 => 3, var p => p };
        format.CurrencyNegativePattern = format.CurrencyNegativePattern switch
        {
            0 => 14,
            1 => 9,
            2 => 12,
            3 => 11,
            4 => 15,
            5 => 8,
            6 => 13,
            7 => 10,
            var p => p,
        };
        return format;
    }
}
