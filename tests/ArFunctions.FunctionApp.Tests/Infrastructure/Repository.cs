using ArFunctions.Storage.Local;

namespace ArFunctions.FunctionApp.Tests.Infrastructure;

public static class Repository
{
    public static string Root { get; } = LocalAzurite.FindRepositoryRoot();

    public static string FunctionAppProject { get; } = Path.Combine(Root, "src", "ArFunctions.FunctionApp");

    /// <summary>Source folders of the functions: functions/&lt;Name&gt;/function.json.</summary>
    public static IReadOnlyList<string> FunctionFolders { get; } =
        [.. Directory.GetDirectories(Path.Combine(FunctionAppProject, "functions")).Order(StringComparer.Ordinal)];
}
