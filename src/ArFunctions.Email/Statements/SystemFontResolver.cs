using PdfSharp.Fonts;

namespace ArFunctions.Email.Statements;

/// <summary>
/// Gives PDFsharp a sans-serif TrueType face from the machine's own fonts: PDFsharp's core build finds no fonts by
/// itself on Linux. The first family found of DejaVu Sans (Debian's fonts-dejavu-core), Liberation Sans and Arial
/// (Windows) is used for every family the statement asks for; the PDF embeds the glyphs it uses.
/// </summary>
internal sealed class SystemFontResolver : IFontResolver
{
    private static readonly string[] Directories =
    [
        "/usr/share/fonts/truetype/dejavu",
        "/usr/share/fonts/dejavu",
        "/usr/share/fonts/truetype/liberation",
        "/usr/share/fonts/liberation-sans",
        "/Library/Fonts",
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.Windows), "Fonts"),
    ];

    private static readonly (string Regular, string Bold)[] Faces =
    [
        ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
        ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
        ("arial.ttf", "arialbd.ttf"),
        ("Arial.ttf", "Arial Bold.ttf"),
    ];

    private static readonly Lazy<(string Regular, string Bold)?> Found = new(Find);

    /// <summary>Installs the resolver once per process; false when the machine has none of the fonts.</summary>
    public static bool Install()
    {
        if (Found.Value is null)
        {
            return false;
        }

        lock (Directories)
        {
            GlobalFontSettings.FontResolver ??= new SystemFontResolver();
        }

        return true;
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        Found.Value is { } faces ? new FontResolverInfo(bold ? faces.Bold : faces.Regular) : null;

    public byte[]? GetFont(string faceName) => File.Exists(faceName) ? File.ReadAllBytes(faceName) : null;

    private static (string Regular, string Bold)? Find()
    {
        foreach (var (regular, bold) in Faces)
        {
            foreach (var directory in Directories)
            {
                var path = Path.Combine(directory, regular);
                if (File.Exists(path))
                {
                    var boldPath = Path.Combine(directory, bold);
                    return (path, File.Exists(boldPath) ? boldPath : path);
                }
            }
        }

        return null;
    }
}
