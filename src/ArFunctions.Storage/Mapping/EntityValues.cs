using System.Globalization;
using Azure.Data.Tables;
using ArFunctions.Domain.Common;

namespace ArFunctions.Storage.Mapping;

/// <summary>
/// Encodings for values Table Storage has no type for. Decimals are invariant-culture strings (exact, scale kept:
/// "12.50"); dates are "yyyy-MM-dd" strings, which sort and compare as dates; enums are their kebab-case wire names.
/// Readers fail with the entity's keys and the property's name when a stored row is not what we wrote.
/// </summary>
internal static class EntityValues
{
    public const string DateFormat = "yyyy-MM-dd";
    private const NumberStyles DecimalStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    public static string FromDecimal(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string FromDate(DateOnly value) => value.ToString(DateFormat, CultureInfo.InvariantCulture);

    public static string? FromDate(DateOnly? value) => value is { } date ? FromDate(date) : null;

    public static string RequiredString(TableEntity entity, string name) =>
        entity.GetString(name) ?? throw Broken(entity, name, "is missing");

    public static decimal RequiredDecimal(TableEntity entity, string name) =>
        OptionalDecimal(entity, name) ?? throw Broken(entity, name, "is missing");

    public static decimal? OptionalDecimal(TableEntity entity, string name)
    {
        var text = entity.GetString(name);
        if (text is null)
        {
            return null;
        }

        return decimal.TryParse(text, DecimalStyle, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Broken(entity, name, $"'{text}' is not a decimal");
    }

    public static DateOnly RequiredDate(TableEntity entity, string name) =>
        OptionalDate(entity, name) ?? throw Broken(entity, name, "is missing");

    public static DateOnly? OptionalDate(TableEntity entity, string name)
    {
        var text = entity.GetString(name);
        if (text is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value
            : throw Broken(entity, name, $"'{text}' is not a {DateFormat} date");
    }

    public static int RequiredInt(TableEntity entity, string name) =>
        entity.GetInt32(name) ?? throw Broken(entity, name, "is missing");

    public static bool RequiredBool(TableEntity entity, string name) =>
        entity.GetBoolean(name) ?? throw Broken(entity, name, "is missing");

    public static TEnum RequiredEnum<TEnum>(TableEntity entity, string name)
        where TEnum : struct, Enum
    {
        var text = RequiredString(entity, name);
        return KebabName<TEnum>.TryParse(text, out var value)
            ? value
            : throw Broken(entity, name, $"'{text}' is not one of {string.Join(", ", KebabName<TEnum>.Names)}");
    }

    public static CurrencyCode RequiredCurrency(TableEntity entity, string name)
    {
        var text = RequiredString(entity, name);
        return CurrencyCode.TryCreate(text, out var code) ? code : throw Broken(entity, name, $"'{text}' is not a currency code");
    }

    public static CustomerId RequiredCustomerId(TableEntity entity, string name)
    {
        var text = RequiredString(entity, name);
        return CustomerId.TryCreate(text, out var id, out var error) ? id : throw Broken(entity, name, error!);
    }

    public static InvoiceId RequiredInvoiceId(TableEntity entity, string name)
    {
        var text = RequiredString(entity, name);
        return InvoiceId.TryCreate(text, out var id, out var error) ? id : throw Broken(entity, name, error!);
    }

    public static InvalidDataException Broken(TableEntity entity, string name, string problem) =>
        new($"Table entity (PartitionKey '{entity.PartitionKey}', RowKey '{entity.RowKey}'): property '{name}' {problem}.");
}
