namespace ArFunctions.Infra.Tests.Infrastructure;

/// <summary>Files of the repository the tests run in, found from the test assembly by walking up to ArFunctions.sln.</summary>
public static class Repository
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string PathOf(params string[] relative) => Path.Combine([Root, .. relative]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ArFunctions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No ArFunctions.sln above {AppContext.BaseDirectory}.");
    }
}
