using System.Globalization;
using System.Text.Json;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Cli.Import;

/// <summary>
/// Turns one file's header and raw rows into canonical columns and values (<see cref="ImportMapping"/>). Without a
/// mapping it only matches canonical headers (any case) and leaves values as written, for the canonical parsing to check.
/// Errors keep the file's own line and are reported under the source header (<see cref="ColumnNames"/>).
/// </summary>
internal sealed class ColumnMapper
{
    /// <summary>The customerSince default that takes each customer's earliest invoice or credit in the invoices file.</summary>
    public const string EarliestInvoice = "earliest-invoice";

    /// <summary>The amounts <see cref="FileMapping.AbsoluteAmounts"/> reads without their sign.</summary>
    private static readonly string[] SignedAmounts = ["amount", "unappliedAmount"];

    private readonly IReadOnlyList<string> _columns;
    private readonly IReadOnlyList<string> _required;
    private readonly ImportMapping? _whole;
    private readonly FileMapping _mapping;
    private readonly Dictionary<string, IReadOnlyList<string>> _sources;
    private readonly HashSet<string> _ignored;
    private readonly Dictionary<string, Dictionary<string, string?>> _values;
    private readonly Dictionary<string, HashSet<string>> _skip;
    private readonly DateFormats _dates;
    private IReadOnlyList<string>[] _targets = [];

    public ColumnMapper(IReadOnlyList<string> columns, IReadOnlyList<string> required, ImportMapping? whole, FileMapping? mapping)
    {
        _columns = columns;
        _required = required;
        _whole = whole;
        _mapping = mapping ?? new FileMapping();
        _sources = new Dictionary<string, IReadOnlyList<string>>(_mapping.Columns, StringComparer.OrdinalIgnoreCase);
        _ignored = new HashSet<string>(_mapping.Ignore, StringComparer.OrdinalIgnoreCase);
        _values = _mapping.Values.ToDictionary(v => v.Key, v => new Dictionary<string, string?>(v.Value, StringComparer.OrdinalIgnoreCase), StringComparer.Ordinal);
        _skip = _mapping.Skip.ToDictionary(v => v.Key, v => new HashSet<string>(v.Value, StringComparer.OrdinalIgnoreCase), StringComparer.Ordinal);
        _dates = new DateFormats(whole?.Dates ?? [DateFormats.Canonical]);
    }

    /// <summary>A line above a mapped file's header (a report title): it names fewer than two of the columns the mapping reads.</summary>
    public bool IsPreamble(string[] line) =>
        _whole is not null && line.Count(field => Targets(field.Trim()).Count > 0 || _ignored.Contains(field.Trim())) < 2;

    /// <summary>The headers the mapping reads, for an error about a file that has none of them.</summary>
    public string Expected => string.Join(", ", _sources.Keys.Take(6)) + (_sources.Count > 6 ? ", ..." : "");

    /// <summary>Reads the header row: unknown headers (with a suggestion), columns filled twice and required columns missing are errors on its line.</summary>
    public bool ReadHeader(string file, int line, string[] header, ColumnNames names, List<ImportError> errors)
    {
        var before = errors.Count;
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        _targets = new IReadOnlyList<string>[header.Length];
        for (var i = 0; i < header.Length; i++)
        {
            var source = header[i].Trim();
            _targets[i] = Targets(source);
            if (_targets[i].Count == 0 && !_ignored.Contains(source))
            {
                errors.Add(new ImportError(file, line, source, UnknownColumn(source)));
            }

            foreach (var target in _targets[i])
            {
                if (!seen.TryAdd(target, source))
                {
                    errors.Add(new ImportError(file, line, source, seen[target] == source ? "the column appears twice" : $"fills {target}, as '{seen[target]}' does"));
                }
                else
                {
                    names.Add(file, target, source);
                }
            }
        }

        foreach (var column in _required.Where(c => !seen.ContainsKey(c) && !_mapping.Defaults.ContainsKey(c)))
        {
            var from = _sources.Where(s => s.Value.Contains(column)).Select(s => $"'{s.Key}'").ToList();
            errors.Add(new ImportError(file, line, column, from.Count == 0 ? "required column missing" : $"required column missing (the mapping reads it from {string.Join(" or ", from)})"));
        }

        return errors.Count == before;
    }

    /// <summary>The canonical fields of one record, or null when the mapping skips the row. Values that cannot be read are errors and left out.</summary>
    public Dictionary<string, string>? MapRow(string file, int line, string[] record, List<ImportError> errors)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < record.Length; i++)
        {
            if (!string.IsNullOrWhiteSpace(record[i]))
            {
                foreach (var target in _targets[i])
                {
                    fields[target] = record[i].Trim();
                }
            }
        }

        if (_skip.Any(s => fields.TryGetValue(s.Key, out var value) && s.Value.Contains(value)))
        {
            return null;
        }

        if (_whole is null)
        {
            return fields;
        }

        foreach (var (column, map) in _values)
        {
            if (fields.TryGetValue(column, out var value) && map.TryGetValue(value, out var canonical))
            {
                Set(fields, column, canonical);
            }
        }

        if (fields.TryGetValue("country", out var country) && country.Length != 2 && Countries.Value.TryGetValue(country, out var code))
        {
            fields["country"] = code;
        }

        foreach (var column in fields.Keys.ToList())
        {
            var reason = CsvColumns.Numbers.Contains(column) ? Number(fields, column) : CsvColumns.Dates.Contains(column) ? Date(fields, column) : null;
            if (reason is not null)
            {
                errors.Add(new ImportError(file, line, column, reason));
                fields.Remove(column);
            }
        }

        if (_mapping.NegativeIsCreditMemo && !fields.ContainsKey("type") && fields.TryGetValue("amount", out var amount) && amount.StartsWith('-'))
        {
            fields["type"] = "credit-memo";
        }

        if (_mapping.AbsoluteAmounts)
        {
            foreach (var column in SignedAmounts.Where(c => fields.TryGetValue(c, out var v) && v.StartsWith('-')))
            {
                fields[column] = fields[column][1..];
            }
        }

        var hasContact = CsvColumns.Contact.Any(fields.ContainsKey);
        foreach (var (column, value) in _mapping.Defaults.Where(d => !fields.ContainsKey(d.Key) && d.Value != EarliestInvoice))
        {
            if (hasContact || !CsvColumns.Contact.Contains(column))
            {
                fields[column] = value;
            }
        }

        return fields;
    }

    /// <summary>Whether customers without a customer-since date take their earliest invoice's.</summary>
    public bool SinceEarliestInvoice => _mapping.Defaults.TryGetValue("customerSince", out var since) && since == EarliestInvoice;

    /// <summary>The nearest header or column when one is close, else every column the file may have.</summary>
    private string UnknownColumn(string source)
    {
        string[] known = [.. _sources.Keys, .. _columns];
        if (NameSuggester.Nearest(source, known) is not null)
        {
            return NameSuggester.Unknown("column", source, known);
        }

        var mapped = _sources.Count == 0 ? "" : $"the mapping reads {string.Join(", ", _sources.Keys)}; ";
        return $"unknown column; {mapped}the columns are {string.Join(", ", _columns)}";
    }

    /// <summary>What a header fills: the mapping's columns for it, none when the mapping ignores it, else the canonical column of that name.</summary>
    private IReadOnlyList<string> Targets(string source)
    {
        if (_ignored.Contains(source))
        {
            return [];
        }

        if (_sources.TryGetValue(source, out var targets))
        {
            return targets;
        }

        return _columns.FirstOrDefault(c => string.Equals(c, source, StringComparison.OrdinalIgnoreCase)) is { } canonical ? [canonical] : [];
    }

    private string? Number(Dictionary<string, string> fields, string column)
    {
        var text = fields[column];
        if (!_whole!.Numbers.TryParse(text, out var value))
        {
            return $"'{text}' is not {_whole.Numbers.Example}";
        }

        fields[column] = value.ToString("0.############################", CultureInfo.InvariantCulture);
        return null;
    }

    private string? Date(Dictionary<string, string> fields, string column)
    {
        var text = fields[column];
        if (!_dates.TryParse(text, out var date))
        {
            return $"'{text}' is not a date in the form {_dates.Describe()}";
        }

        fields[column] = date.ToString(DateFormats.Canonical, CultureInfo.InvariantCulture);
        return null;
    }

    private static void Set(Dictionary<string, string> fields, string column, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            fields.Remove(column);
        }
        else
        {
            fields[column] = value;
        }
    }

    /// <summary>English country names (and common short forms) to ISO 3166-1 alpha-2, for every mapped file (Profiles/countries.json).</summary>
    private static readonly Lazy<Dictionary<string, string>> Countries = new(() =>
    {
        using var stream = typeof(ColumnMapper).Assembly.GetManifestResourceStream("ArFunctions.Cli.Import.Profiles.countries.json")
            ?? throw new InvalidOperationException("The country list is not embedded in the CLI.");
        var names = JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? [];
        return new Dictionary<string, string>(names, StringComparer.OrdinalIgnoreCase);
    });
}

/// <summary>
/// The source header each canonical column came from, per file, so an error names the column the user sees in the file:
/// <c>Amount Remaining (openAmount)</c>.
/// </summary>
internal sealed class ColumnNames
{
    private readonly Dictionary<(string File, string Column), string> _sources = [];

    public void Add(string file, string column, string source) => _sources[(file, column)] = source;

    /// <summary>The error with its field named as in the file (the canonical name in brackets when they differ).</summary>
    public ImportError Named(ImportError error)
    {
        // A contact field of a customers file keeps its column name; intake's nested paths are already mapped to columns.
        if (!_sources.TryGetValue((error.File, error.Field), out var source) || string.Equals(source, error.Field, StringComparison.OrdinalIgnoreCase))
        {
            return error;
        }

        return error with { Field = $"{source} ({error.Field})" };
    }
}
