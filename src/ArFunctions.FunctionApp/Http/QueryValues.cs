using System.Globalization;
using ArFunctions.Application.Queries;

namespace ArFunctions.FunctionApp.Http;

/// <summary>Query-string values parsed strictly, each failure a field error rather than a framework 400.</summary>
internal static class QueryValues
{
    public static int? Int(HttpRequest request, string name, int min, int max, List<FieldError> errors)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors.Add(new FieldError(name, $"must be a whole number from {min} to {max}, not '{Failure.Quote(text)}'"));
        return null;
    }

    public static DateOnly? Date(HttpRequest request, string name, List<FieldError> errors) => Date(request.Query[name].ToString(), name, errors);

    public static DateOnly? Date(string text, string name, List<FieldError> errors)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(new FieldError(name, $"must be a date as yyyy-MM-dd, not '{Failure.Quote(text)}'"));
        return null;
    }
}
