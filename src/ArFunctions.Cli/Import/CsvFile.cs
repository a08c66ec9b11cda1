using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace ArFunctions.Cli.Import;

/// <summary>One data row of a CSV file: its line number and its fields by column name (blank fields are absent).</summary>
internal sealed class CsvRow(string file, int line, IReadOnlyDictionary<string, string> fields, List<ImportError> errors)
{
    public string File { get; } = file;

    public int Line { get; } = line;

    public bool HasErrors => errors.Exists(e => e.Line == Line && e.File == File);

    public bool Has(string column) => fields.ContainsKey(column);

    public string? Text(string column) => fields.TryGetValue(column, out var value) ? value : null;

    public int? Int(string column) => Parse<int>(column, "a whole number", (string s, out int v) => int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out v));

    public decimal? Decimal(string column) =>
        Parse<decimal>(column, "a number such as 1234.50", (string s, out decimal v) => decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out v));

    public bool? Bool(string column) => Parse<bool>(column, "true or false", TryBool);

    public void Fail(string column, string reason) => errors.Add(new ImportError(File, Line, column, reason));

    private static bool TryBool(string text, out bool value)
    {
        (var known, value) = text.ToLowerInvariant() switch
        {
            "true" or "yes" or "1" => (true, true),
            "false" or "no" or "0" => (true, false),
            _ => (false, false),
        };
        return known;
    }

    private T? Parse<T>(string column, string expected, TryParser<T> parse)
        where T : struct
    {
        if (Text(column) is not { } text)
        {
            return null;
        }

        if (parse(text, out var value))
        {
            return value;
        }

        Fail(column, $"'{text}' is not {expected}");
        return null;
    }

    private delegate bool TryParser<T>(string text, out T value);
}

/// <summary>
/// Reads a CSV file with a header row (comma separated, RFC 4180 quoting, UTF-8) through a <see cref="ColumnMapper"/>:
/// unknown or missing required columns and rows with the wrong number of fields are errors on their line; a record
/// whose quoted field spans lines is numbered by the line it starts on. A mapped file may have title lines above the header. Rows the mapping skips are counted, not returned.
/// </summary>
internal static class CsvFile
{
    public static List<CsvRow> Read(string path, ColumnMapper mapper, ColumnNames names, List<ImportError> errors, out int skipped)
    {
        skipped = 0;
        var name = Path.GetFileName(path);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            TrimOptions = TrimOptions.Trim,
            BadDataFound = args => errors.Add(new ImportError(name, args.Context.Parser?.RawRow ?? 0, "$", $"bad quoting near \"{args.Field}\"")),
        };
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, config);
        var rows = new List<CsvRow>();
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } header)
        {
            errors.Add(new ImportError(name, 1, "$", "the file is empty: the first line must name the columns"));
            return rows;
        }

        // ERP reports put a title above the header: a mapped file's header is the first line that names its columns.
        while (mapper.IsPreamble(header))
        {
            if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } next)
            {
                errors.Add(new ImportError(name, 1, "$", $"no line names the columns the mapping reads ({mapper.Expected})"));
                return rows;
            }

            header = next;
        }

        if (!mapper.ReadHeader(name, csv.Parser.RawRow, header, names, errors))
        {
            return rows;
        }

        while (csv.Read())
        {
            // The line the record starts on: a quoted field may hold line breaks, and RawRow is the record's last line.
            var line = csv.Parser.RawRow - csv.Parser.RawRecord.TrimEnd('\r', '\n').Count(c => c == '\n');
            var record = csv.Parser.Record ?? [];
            if (record.Length != header.Length)
            {
                errors.Add(new ImportError(name, line, "$", $"the row has {record.Length} fields; the header has {header.Length}"));
                continue;
            }

            if (mapper.MapRow(name, line, record, errors) is { } fields)
            {
                rows.Add(new CsvRow(name, line, fields, errors));
            }
            else
            {
                skipped++;
            }
        }

        return rows;
    }
}
