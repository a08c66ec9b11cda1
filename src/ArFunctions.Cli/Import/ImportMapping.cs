using System.Text.Json;
using System.Text.Json.Serialization;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Cli.Import;

/// <summary>
/// How another system's export maps onto the import's canonical columns (docs/import.md#mapping-files): per file, source
/// header to column(s), value maps, defaults and rows to skip; for the whole set, the date forms and the number format.
/// The ERP profiles (<c>--profile netsuite</c>) are such files, shipped with the CLI; <c>--map FILE</c> reads one from
/// disk. The mapping only turns raw rows into canonical values: every rule of the canonical files still applies after it.
/// </summary>
internal sealed record ImportMapping
{
    /// <summary>What the mapping is for (shown by <c>arfn import --help</c>'s profile list and in docs).</summary>
    public string Description { get; init; } = "";

    public IReadOnlyList<string> Dates { get; init; } = [DateFormats.Canonical];

    public NumberFormat Numbers { get; init; } = NumberFormat.Canonical;

    public FileMapping Customers { get; init; } = new();

    public FileMapping Invoices { get; init; } = new();

    public FileMapping Payments { get; init; } = new();

    /// <summary>The profiles shipped with the CLI, by name.</summary>
    public static IReadOnlyList<string> Profiles { get; } = ["netsuite", "quickbooks", "xero", "business-central"];

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new OneOrManyConverter() },
    };

    /// <summary>A shipped profile, or the problem with the name (with a suggestion for a near miss).</summary>
    public static (ImportMapping? Mapping, string? Problem) Profile(string name)
    {
        if (!Profiles.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return (null, NameSuggester.Unknown("profile", name, Profiles.ToArray()));
        }

        var resource = $"ArFunctions.Cli.Import.Profiles.{name.ToLowerInvariant()}.json";
        using var stream = typeof(ImportMapping).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The profile {resource} is not embedded in the CLI.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), $"profile {name}");
    }

    /// <summary>A mapping file from disk, or what is wrong with it.</summary>
    public static (ImportMapping? Mapping, string? Problem) Read(FileInfo file) => Parse(File.ReadAllText(file.FullName), file.Name);

    public static (ImportMapping? Mapping, string? Problem) Parse(string json, string source)
    {
        ImportMapping? mapping;
        try
        {
            mapping = JsonSerializer.Deserialize<ImportMapping>(json, Json);
        }
        catch (JsonException e)
        {
            return (null, $"{source}: {e.Message}");
        }

        if (mapping is null)
        {
            return (null, $"{source}: the file holds no mapping");
        }

        var problems = mapping.Problems().ToList();
        return problems.Count == 0 ? (mapping, null) : (null, $"{source}: {string.Join("; ", problems)}");
    }

    /// <summary>Every target column that is not a canonical column of its file, and formats that cannot work.</summary>
    private IEnumerable<string> Problems()
    {
        if (Dates.Count == 0)
        {
            yield return "dates: name at least one date form (yyyy-MM-dd, M/d/yyyy, ...)";
        }

        if (Numbers.Decimal.Length == 0 || Numbers.Decimal == Numbers.Thousands)
        {
            yield return "numbers: the decimal separator must be set and differ from the thousands separator";
        }

        foreach (var (file, mapping, columns) in new[] { ("customers", Customers, CsvColumns.Customer), ("invoices", Invoices, CsvColumns.Invoice), ("payments", Payments, CsvColumns.Payment) })
        {
            var targets = mapping.Columns.Values.SelectMany(t => t).Concat(mapping.Values.Keys).Concat(mapping.Defaults.Keys).Concat(mapping.Skip.Keys);
            foreach (var target in targets.Distinct(StringComparer.Ordinal).Where(t => !columns.Contains(t, StringComparer.Ordinal)))
            {
                yield return $"{file}: " + NameSuggester.Unknown("column", target, columns);
            }
        }
    }

    /// <summary>A target that is one column (<c>"id"</c>) or several (<c>["id", "name"]</c>).</summary>
    private sealed class OneOrManyConverter : JsonConverter<IReadOnlyList<string>>
    {
        public override IReadOnlyList<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String
                ? [reader.GetString()!]
                : JsonSerializer.Deserialize<List<string>>(ref reader) ?? [];

        public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value);
    }
}

/// <summary>The mapping of one file (customers, invoices or payments). Keys of values, defaults and skip are canonical columns.</summary>
internal sealed record FileMapping
{
    /// <summary>Source header (any case) to the canonical column(s) it fills. A header that is itself a canonical column needs no entry.</summary>
    public Dictionary<string, IReadOnlyList<string>> Columns { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Source headers the import reads past (line detail, addresses...). Any other unknown header is an error.</summary>
    public IReadOnlyList<string> Ignore { get; init; } = [];

    /// <summary>Per column, source value (any case) to canonical value; null makes the field absent.</summary>
    public Dictionary<string, Dictionary<string, string?>> Values { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Per column, the value of a row that leaves it blank (a contact column's default only fills rows that have a contact).</summary>
    public Dictionary<string, string> Defaults { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Per column, source values (any case) whose rows are left out (drafts, voided documents).</summary>
    public Dictionary<string, IReadOnlyList<string>> Skip { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Invoices file: a row with a negative amount and no type is a credit memo.</summary>
    public bool NegativeIsCreditMemo { get; init; }

    /// <summary>Payments file: amounts are read without their sign (ledgers list receipts as negative amounts).</summary>
    public bool AbsoluteAmounts { get; init; }
}
