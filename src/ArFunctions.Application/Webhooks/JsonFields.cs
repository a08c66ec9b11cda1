using System.Globalization;
using System.Text.Json;
using ArFunctions.Domain.Common;

namespace ArFunctions.Application.Webhooks;

/// <summary>Strict readers over a JSON element: each returns false with the field's path and the reason.</summary>
internal static class JsonFields
{
    public static bool String(JsonElement parent, string name, string path, bool required, out string? value, out string? error)
    {
        value = null;
        error = null;
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            error = required ? $"{path}{name}: is required" : null;
            return !required;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            error = $"{path}{name}: must be a string";
            return false;
        }

        value = element.GetString();
        return true;
    }

    public static bool Key(JsonElement parent, string name, string path, bool required, out string? value, out string? error)
    {
        if (!String(parent, name, path, required, out value, out error))
        {
            return false;
        }

        if (value is not null && !EntityKey.IsValid(value, out var keyError))
        {
            error = $"{path}{name}: {keyError}";
            return false;
        }

        return true;
    }

    public static bool Decimal(JsonElement parent, string name, string path, out decimal value, out string? error)
    {
        value = 0m;
        error = null;
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.Number)
        {
            error = $"{path}{name}: must be a number";
            return false;
        }

        if (!element.TryGetDecimal(out value) || value < 0m || value > AmountLimit.Max || value.Scale > 4)
        {
            error = $"{path}{name}: must be between 0 and {AmountLimit.Max.ToString(CultureInfo.InvariantCulture)} with at most 4 decimals";
            return false;
        }

        return true;
    }

    /// <summary>A non-negative whole number of minor units (Stripe amounts).</summary>
    public static bool MinorUnits(JsonElement parent, string name, string path, out long value, out string? error)
    {
        value = 0;
        error = null;
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.Number
            || !element.TryGetInt64(out value) || value < 0 || value > AmountLimit.MaxMinorUnits)
        {
            error = $"{path}{name}: must be a whole number of minor units between 0 and 10^14";
            return false;
        }

        return true;
    }

    public static bool Object(JsonElement parent, string name, string path, out JsonElement value, out string? error)
    {
        error = null;
        if (!parent.TryGetProperty(name, out value) || value.ValueKind != JsonValueKind.Object)
        {
            error = $"{path}{name}: must be an object";
            return false;
        }

        return true;
    }

    public static bool Currency(JsonElement parent, string name, string path, out string value, out string? error)
    {
        value = "";
        if (!String(parent, name, path, true, out var text, out error))
        {
            return false;
        }

        var upper = text!.ToUpperInvariant();
        if (!CurrencyCode.IsValid(upper))
        {
            error = $"{path}{name}: '{Truncate(text)}' is not an ISO 4217 currency code";
            return false;
        }

        value = upper;
        return true;
    }

    /// <summary>
    /// An optional unix-seconds timestamp as the date it was in <paramref name="zone"/> (the business's time zone): a
    /// payment at 23:30 in New York is that day's, not the next day's as its UTC date would say.
    /// </summary>
    public static DateOnly? UnixDate(JsonElement parent, string name, TimeZoneInfo zone)
    {
        if (parent.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.Number
            && element.TryGetInt64(out var seconds) && seconds is > 0 and < 253_402_300_799)
        {
            return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(seconds), zone).DateTime);
        }

        return null;
    }

    public static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
