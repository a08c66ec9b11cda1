using System.Globalization;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Application.Intake;

/// <summary>
/// Reads the fields of one input record, adding an <see cref="IntakeError"/> for each field that fails. Each reader
/// returns null when the field is absent or wrong, so later checks can skip what depends on it.
/// </summary>
internal sealed class RecordCheck(List<IntakeError> errors, int index, string prefix = "")
{
    /// <summary>Dates outside this window are typing errors (year 0202, 20024), not business dates.</summary>
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);

    public static readonly DateOnly LatestDate = new(2099, 12, 31);

    private const string DateFormat = "yyyy-MM-dd";

    private readonly int _errorsBefore = errors.Count;

    public bool HasErrors => errors.Count > _errorsBefore;

    /// <summary>A check of a nested part (<c>contacts[1].</c>) that adds to the same list.</summary>
    public RecordCheck Nested(string part) => new(errors, index, prefix + part + ".");

    public static string Iso(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    public void Fail(string field, string reason) => errors.Add(new IntakeError(index, prefix + field, reason));

    /// <summary>An identifier that will be part of a Table Storage key (<see cref="IsKey"/>); blank is absent.</summary>
    public string? Key(string field, string? value, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Fail(field, "is required");
            }

            return null;
        }

        if (!IsKey(value, out var problem))
        {
            Fail(field, problem);
            return null;
        }

        return value;
    }

    /// <summary>
    /// <see cref="EntityKey"/>'s rules, and no leading or trailing whitespace: " C-1" and "C-1" would be two customers
    /// that look the same on every screen.
    /// </summary>
    public static bool IsKey(string? value, out string problem)
    {
        if (!EntityKey.IsValid(value, out var error))
        {
            problem = error!;
            return false;
        }

        if (char.IsWhiteSpace(value![0]) || char.IsWhiteSpace(value[^1]))
        {
            problem = "must not start or end with whitespace";
            return false;
        }

        if (TextRules.FindControlCharacter(value) is { } control)
        {
            problem = control;
            return false;
        }

        problem = "";
        return true;
    }

    /// <summary>
    /// One line of free text (<see cref="TextRules"/>: no control characters, no line breaks), trimmed; null when
    /// absent or blank (an error when required).
    /// </summary>
    public string? Text(string field, string? value, int maxLength, bool required = false)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                Fail(field, "is required");
            }

            return null;
        }

        if (text.Length > maxLength)
        {
            Fail(field, $"must be at most {maxLength} characters");
            return null;
        }

        if (TextRules.FindControlCharacter(text) is { } control)
        {
            Fail(field, control);
            return null;
        }

        return text;
    }

    public DateOnly? Date(string field, string? value, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Fail(field, "is required");
            }

            return null;
        }

        if (!DateOnly.TryParseExact(value.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Fail(field, $"'{value}' is not a date in the form {DateFormat}");
            return null;
        }

        if (date < EarliestDate || date > LatestDate)
        {
            Fail(field, $"{value} is outside {Iso(EarliestDate)} to {Iso(LatestDate)}");
            return null;
        }

        return date;
    }

    /// <summary>A date of something that has happened: not after <paramref name="today"/>.</summary>
    public DateOnly? PastDate(string field, string? value, DateOnly today, bool required = false)
    {
        var date = Date(field, value, required);
        if (date > today)
        {
            Fail(field, $"{Iso(date.Value)} is after today ({Iso(today)})");
            return null;
        }

        return date;
    }

    /// <summary>An amount of money: at least 0, at most <see cref="AmountLimit.Max"/>, at most two decimals (currency minor units).</summary>
    public decimal? Money(string field, decimal? value, bool required = true)
    {
        if (value is not { } amount)
        {
            if (required)
            {
                Fail(field, "is required");
            }

            return null;
        }

        if (amount < 0m)
        {
            Fail(field, $"{amount.ToString(CultureInfo.InvariantCulture)} is negative");
            return null;
        }

        if (amount > AmountLimit.Max)
        {
            Fail(field, AmountLimit.TooLarge(amount));
            return null;
        }

        if (decimal.Round(amount, 2) != amount)
        {
            Fail(field, $"{amount.ToString(CultureInfo.InvariantCulture)} has more than 2 decimals");
            return null;
        }

        return amount;
    }

    public int? Range(string field, int? value, int min, int max)
    {
        if (value is { } number && (number < min || number > max))
        {
            Fail(field, $"{number.ToString(CultureInfo.InvariantCulture)} is not between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }

        return value;
    }

    public decimal? Range(string field, decimal? value, decimal min, decimal max)
    {
        if (value is { } number && (number < min || number > max))
        {
            Fail(field, $"{number.ToString(CultureInfo.InvariantCulture)} is not between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }

        return value;
    }

    /// <summary>A kebab-case enum name (<see cref="KebabName{TEnum}"/>), any case.</summary>
    public TEnum? Enum<TEnum>(string field, string? value, bool required = false)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Fail(field, $"is required: one of {string.Join(", ", KebabName<TEnum>.Names)}");
            }

            return null;
        }

        if (!KebabName<TEnum>.TryParse(value.Trim(), out var parsed))
        {
            Fail(field, $"'{value}' is not one of {string.Join(", ", KebabName<TEnum>.Names)}");
            return null;
        }

        return parsed;
    }

    /// <summary>An ISO 4217 code (any case) that the policy can convert to its base currency.</summary>
    public CurrencyCode? Currency(string field, string? value, CurrencySettings settings)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Fail(field, "is required");
            return null;
        }

        if (!CurrencyCode.TryCreate(value.Trim().ToUpperInvariant(), out var code))
        {
            Fail(field, $"'{value}' is not an ISO 4217 currency code (three letters)");
            return null;
        }

        if (!settings.CanConvert(code))
        {
            var known = string.Join(", ", settings.Rates.Keys.Select(c => c.Value).Prepend(settings.BaseCurrency.Value).Distinct().Order(StringComparer.Ordinal));
            Fail(field, $"{code} has no exchange rate to {settings.BaseCurrency} in the policy (known: {known})");
            return null;
        }

        return code;
    }
}
