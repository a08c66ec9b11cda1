using System.Globalization;
using System.Text.Json;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;

namespace ArFunctions.Domain.Policies;

/// <summary>Reads the policy's smaller sections; each falls back to its documented default when absent.</summary>
internal static class SettingsParser
{
    public static readonly CurrencyCode DefaultBaseCurrency = new("USD");
    public static readonly ContactRole[] DefaultFallback = Enum.GetValues<ContactRole>();

    private static readonly string[] CurrencyProperties = ["base", "rates"];
    private static readonly string[] CalendarProperties = ["weekend", "holidays"];
    private static readonly string[] HysteresisProperties = ["daysToRelax"];
    private static readonly string[] ContactCapProperties = ["perCustomerPerWeek"];
    private static readonly string[] LocaleProperties = ["default", "countries"];
    private static readonly string[] PromiseProperties = ["graceDays", "escalateTo"];
    private static readonly string[] BaselineProperties = ["firstContactTemplate", "dates"];
    private static readonly string[] EmailsProperties = ["attachStatement"];
    private static readonly string[] DisputeProperties = ["id", "owner", "slaDays", "description"];
    private static readonly string[] DayNames = Enum.GetValues<DayOfWeek>().Select(d => d.ToString().ToLowerInvariant()).ToArray();

    public static CurrencySettings Currency(PolicyJsonReader reader, PolicyNode root)
    {
        var rates = new Dictionary<CurrencyCode, decimal>();
        if (!reader.TryGet(root, "currency", required: false, out var node) || !reader.IsObject(node, CurrencyProperties))
        {
            return new CurrencySettings(DefaultBaseCurrency, rates);
        }

        var baseCurrency = CurrencyCode(reader, node, "base") ?? DefaultBaseCurrency;
        if (reader.TryGet(node, "rates", required: false, out var ratesNode) && reader.Expect(ratesNode, JsonValueKind.Object))
        {
            foreach (var property in ratesNode.Element.EnumerateObject())
            {
                var path = ratesNode.ChildPath(property.Name);
                if (!Common.CurrencyCode.TryCreate(property.Name, out var code))
                {
                    reader.Error(path, $"'{property.Name}' is not an ISO 4217 currency code (three upper-case letters)");
                }
                else if (code == baseCurrency)
                {
                    reader.Error(path, $"'{code}' is the base currency; it needs no rate");
                }
                else if (reader.Decimal(new PolicyNode(property.Value, path), 0m, minExclusive: true) is { } rate && !rates.TryAdd(code, rate))
                {
                    reader.Error(path, "appears more than once");
                }
            }
        }

        return new CurrencySettings(baseCurrency, rates);
    }

    public static BusinessCalendar Calendar(PolicyJsonReader reader, PolicyNode root)
    {
        if (!reader.TryGet(root, "calendar", required: false, out var node) || !reader.IsObject(node, CalendarProperties))
        {
            return BusinessCalendar.Default;
        }

        var weekend = new List<DayOfWeek>();
        var weekendGiven = reader.TryGet(node, "weekend", required: false, out _);
        foreach (var day in reader.Items(node, "weekend"))
        {
            if (!reader.Expect(day, JsonValueKind.String))
            {
                continue;
            }

            var name = day.Element.GetString()!;
            var index = Array.FindIndex(DayNames, d => string.Equals(d, name, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                reader.Error(day.Path, NameSuggester.Unknown("day", name, DayNames));
            }
            else if (weekend.Contains((DayOfWeek)index))
            {
                reader.Error(day.Path, $"'{name}' is listed twice");
            }
            else
            {
                weekend.Add((DayOfWeek)index);
            }
        }

        if (weekend.Count == 7)
        {
            reader.Error(node.ChildPath("weekend"), "a week needs at least one business day");
            return BusinessCalendar.Default;
        }

        var holidays = Holidays(reader, node);
        return new BusinessCalendar(weekendGiven ? weekend : BusinessCalendar.Default.Weekend, holidays);
    }

    public static HysteresisSettings Hysteresis(PolicyJsonReader reader, PolicyNode root) =>
        reader.TryGet(root, "hysteresis", required: false, out var node) && reader.IsObject(node, HysteresisProperties)
            ? new HysteresisSettings(reader.Integer(node, "daysToRelax", 0, 90) ?? 7)
            : new HysteresisSettings(7);

    public static ContactSettings Contact(PolicyJsonReader reader, PolicyNode root)
    {
        var cap = reader.TryGet(root, "contactCap", required: false, out var capNode) && reader.IsObject(capNode, ContactCapProperties)
            ? reader.Integer(capNode, "perCustomerPerWeek", 1, 21) ?? 3
            : 3;
        var businessDaysOnly = reader.Boolean(root, "contactOnBusinessDaysOnly") ?? false;
        if (!reader.TryGet(root, "contactFallback", required: false, out var fallbackNode))
        {
            return new ContactSettings(cap, DefaultFallback, businessDaysOnly);
        }

        var roles = new List<ContactRole>();
        foreach (var item in reader.Items(root, "contactFallback"))
        {
            if (reader.EnumValue<ContactRole>(item, "contact role") is not { } role)
            {
                continue;
            }

            if (roles.Contains(role))
            {
                reader.Error(item.Path, $"'{KebabName<ContactRole>.Format(role)}' is listed twice");
            }

            roles.Add(role);
        }

        if (fallbackNode.Kind == JsonValueKind.Array && fallbackNode.Element.GetArrayLength() == 0)
        {
            reader.Error(fallbackNode.Path, "needs at least one contact role");
        }

        return new ContactSettings(cap, roles, businessDaysOnly);
    }

    /// <summary><c>locale</c>: <c>default</c> and <c>countries</c> (country code to locale), each a specific culture name.</summary>
    public static LocaleSettings Locale(PolicyJsonReader reader, PolicyNode root)
    {
        if (!reader.TryGet(root, "locale", required: false, out var node) || !reader.IsObject(node, LocaleProperties))
        {
            return LocaleSettings.Standard;
        }

        var fallback = reader.TryGet(node, "default", required: false, out var defaultNode) ? LocaleName(reader, defaultNode) : null;
        var countries = new Dictionary<string, string>(StringComparer.Ordinal);
        if (reader.TryGet(node, "countries", required: false, out var countriesNode) && reader.Expect(countriesNode, JsonValueKind.Object))
        {
            foreach (var property in countriesNode.Element.EnumerateObject())
            {
                var path = countriesNode.ChildPath(property.Name);
                if (property.Name.Length != 2 || !property.Name.All(char.IsAsciiLetterUpper))
                {
                    reader.Error(path, $"'{property.Name}' is not a country code (ISO 3166 alpha-2, two upper-case letters)");
                }
                else if (LocaleName(reader, new PolicyNode(property.Value, path)) is { } locale && !countries.TryAdd(property.Name, locale))
                {
                    reader.Error(path, "appears more than once");
                }
            }
        }

        return new LocaleSettings(fallback ?? LocaleSettings.DefaultLocale, countries);
    }

    public static PromiseSettings Promises(PolicyJsonReader reader, PolicyNode root) =>
        reader.TryGet(root, "promises", required: false, out var node) && reader.IsObject(node, PromiseProperties)
            ? new PromiseSettings(reader.Integer(node, "graceDays", 0, 30) ?? 2, reader.String(node, "escalateTo") ?? "collections-manager")
            : new PromiseSettings(2, "collections-manager");

    public static decimal MinimumBalance(PolicyJsonReader reader, PolicyNode root) =>
        reader.TryGet(root, "minimumBalance", required: false, out var node) ? reader.Decimal(node, 0m) ?? 0m : 0m;

    public static List<DisputeCategory> DisputeCategories(PolicyJsonReader reader, PolicyNode root)
    {
        var categories = new List<DisputeCategory>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in reader.Items(root, "disputeCategories"))
        {
            var errorsBefore = reader.ErrorCount;
            if (!reader.IsObject(node, DisputeProperties))
            {
                continue;
            }

            var id = reader.Key(node, "id");
            var owner = reader.String(node, "owner", required: true);
            var slaDays = reader.Integer(node, "slaDays", 1, 365, required: true);
            var description = reader.String(node, "description");
            if (id is not null && !seen.TryAdd(id, node.Path))
            {
                reader.Error(node.ChildPath("id"), $"duplicate dispute category id '{id}' (first declared at {seen[id]})");
            }

            if (reader.ErrorCount == errorsBefore)
            {
                categories.Add(new DisputeCategory(id!, owner!, slaDays!.Value, description));
            }
        }

        return categories;
    }

    private static string? LocaleName(PolicyJsonReader reader, PolicyNode node)
    {
        if (!reader.Expect(node, JsonValueKind.String))
        {
            return null;
        }

        var name = node.Element.GetString()!;
        if (LocaleSettings.IsKnown(name))
        {
            return name;
        }

        reader.Error(node.Path, $"'{name}' is not a known locale (a culture name with language and country, such as \"en-US\" or \"de-DE\")");
        return null;
    }

    private static CurrencyCode? CurrencyCode(PolicyJsonReader reader, PolicyNode node, string name)
    {
        var text = reader.String(node, name);
        if (text is null)
        {
            return null;
        }

        if (Common.CurrencyCode.TryCreate(text, out var code))
        {
            return code;
        }

        reader.Error(node.ChildPath(name), $"'{text}' is not an ISO 4217 currency code (three upper-case letters)");
        return null;
    }

    public static BaselineSettings Baseline(PolicyJsonReader reader, PolicyNode root, PolicyLoadOptions options)
    {
        if (!reader.TryGet(root, "baseline", required: false, out var node) || !reader.IsObject(node, BaselineProperties))
        {
            return BaselineSettings.Default;
        }

        var template = reader.String(node, "firstContactTemplate") ?? BaselineSettings.Default.FirstContactTemplate;
        if (options.KnownTemplates is { } known && !known.Contains(template))
        {
            reader.Error(node.ChildPath("firstContactTemplate"), NameSuggester.Unknown("template", template, known.Order(StringComparer.Ordinal).ToArray()));
        }

        return new BaselineSettings(template, Dates(reader, node, "dates").ToHashSet());
    }

    /// <summary>Policy <c>emails</c>: every template in <c>attachStatement</c> once, and one the app ships when the caller knows them.</summary>
    public static EmailSettings Emails(PolicyJsonReader reader, PolicyNode root, PolicyLoadOptions options)
    {
        if (!reader.TryGet(root, "emails", required: false, out var node) || !reader.IsObject(node, EmailsProperties))
        {
            return EmailSettings.Default;
        }

        var templates = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in reader.Items(node, "attachStatement"))
        {
            if (!reader.Expect(item, JsonValueKind.String))
            {
                continue;
            }

            var template = item.Element.GetString()!;
            if (options.KnownTemplates is { } known && !known.Contains(template))
            {
                reader.Error(item.Path, NameSuggester.Unknown("template", template, known.Order(StringComparer.Ordinal).ToArray()));
            }
            else if (!templates.Add(template))
            {
                reader.Error(item.Path, "is listed twice");
            }
        }

        return new EmailSettings(templates);
    }

    private static List<DateOnly> Holidays(PolicyJsonReader reader, PolicyNode calendar) => Dates(reader, calendar, "holidays");

    private static List<DateOnly> Dates(PolicyJsonReader reader, PolicyNode parent, string name)
    {
        var holidays = new List<DateOnly>();
        foreach (var item in reader.Items(parent, name))
        {
            if (!reader.Expect(item, JsonValueKind.String))
            {
                continue;
            }

            var text = item.Element.GetString()!;
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                reader.Error(item.Path, $"'{text}' is not an ISO date (yyyy-MM-dd)");
            }
            else if (holidays.Contains(date))
            {
                reader.Error(item.Path, $"'{text}' is listed twice");
            }
            else
            {
                holidays.Add(date);
            }
        }

        return holidays;
    }
}
