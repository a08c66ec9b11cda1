using System.Text.RegularExpressions;

namespace ArFunctions.WorkerHost;

/// <summary>
/// The app settings as the host sees them: <c>%Name%</c> in binding metadata is looked up under the name as written
/// and with <c>:</c> and <c>__</c> swapped, as environment variables spell nested names.
/// </summary>
internal sealed partial class AppSettings(IDictionary<string, string?> settings)
{
    /// <summary>Replaces every <c>%Name%</c> in <paramref name="value"/>; an unknown name is an error, as in the host.</summary>
    public string Resolve(string value) => SettingPattern().Replace(value, match =>
    {
        var name = match.Groups[1].Value;
        return Lookup(name) ?? throw new InvalidOperationException($"The binding expression '%{name}%' names an app setting that is not set.");
    });

    /// <summary>The setting's value, trying <c>:</c>/<c>__</c> spellings and the environment last.</summary>
    public string? Lookup(string name)
    {
        foreach (var candidate in new[] { name, name.Replace(":", "__", StringComparison.Ordinal), name.Replace("__", ":", StringComparison.Ordinal) })
        {
            foreach (var pair in settings)
            {
                if (string.Equals(pair.Key, candidate, StringComparison.OrdinalIgnoreCase) && pair.Value is not null)
                {
                    return pair.Value;
                }
            }
        }

        return Environment.GetEnvironmentVariable(name.Replace(":", "__", StringComparison.Ordinal));
    }

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex SettingPattern();
}
