using System.Globalization;

namespace ArFunctions.Benchmarks;

/// <summary>
/// A bench command's options, given as <c>--name value</c> pairs (a name given twice keeps its last value; a name
/// without a value is ignored), numbers in the invariant culture. The one parser every command uses.
/// </summary>
internal sealed class CommandArgs
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public CommandArgs(string[] args)
    {
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            _values[args[i]] = args[i + 1];
        }
    }

    public int Int(string name, int fallback) => OptionalInt(name) ?? fallback;

    public int? OptionalInt(string name) => _values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : null;

    public double Double(string name, double fallback) => _values.TryGetValue(name, out var value) ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public bool Bool(string name, bool fallback) => _values.TryGetValue(name, out var value) ? bool.Parse(value) : fallback;

    public string? Text(string name) => _values.GetValueOrDefault(name);
}
