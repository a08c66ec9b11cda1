using System.Text.RegularExpressions;
using System.Xml.Linq;
using ArFunctions.Local;

namespace ArFunctions.Cli.Tests;

/// <summary>
/// The CLI is <c>arfn</c>: on Linux <c>ar</c> is binutils' archiver, so no doc may tell a user to type <c>ar import</c>.
/// </summary>
public sealed partial class ArfnCommandName
{
    private static readonly string Root = LocalAzurite.FindRepositoryRoot();

    [Fact]
    public void IsTheToolCommandOfTheCliPackage()
    {
        var project = XDocument.Load(Path.Combine(Root, "src", "ArFunctions.Cli", "ArFunctions.Cli.csproj"));
        string? Property(string name) => project.Descendants(name).SingleOrDefault()?.Value;

        Assert.Equal("true", Property("PackAsTool"));
        Assert.Equal("arfn", Property("ToolCommandName"));
        Assert.Equal("arfn", Property("AssemblyName"));
    }

    [Fact]
    public void IsTheOnlyNameTheDocsAndTheHelpGiveTheCommands()
    {
        var documents = Directory.EnumerateFiles(Path.Combine(Root, "docs"), "*.md", SearchOption.AllDirectories)
            .Append(Path.Combine(Root, "README.md"))
            .Select(path => (Name: Path.GetRelativePath(Root, path), Text: File.ReadAllText(path)))
            .Append((Name: "arfn --help", Text: ArCommands.Create().Description ?? ""));

        var offenders = documents
            .SelectMany(document => BareAr().Matches(document.Text).Select(match => $"{document.Name}: '{match.Value}'"))
            .ToList();

        Assert.Empty(offenders);
    }

    [GeneratedRegex(@"(?<![\w/.-])ar (demo|daily-run|import|run|worklist|kpis|policy|samples|simulate|preview|explain)\b")]
    private static partial Regex BareAr();
}
