namespace ArFunctions.WorkerHost;

/// <summary>Finds the build output of a function app project, in the configuration the caller was built in.</summary>
public static class AppBuildOutput
{
    /// <summary>
    /// <c>&lt;projectDirectory&gt;/bin/&lt;Debug|Release&gt;/net10.0</c>, the configuration read from where the calling
    /// program runs; throws when functions.metadata is not there (the app was not built).
    /// </summary>
    public static string Find(string projectDirectory)
    {
        var separator = Path.DirectorySeparatorChar;
        var configuration = AppContext.BaseDirectory.Contains($"{separator}Release{separator}", StringComparison.Ordinal) ? "Release" : "Debug";
        var directory = Path.Combine(projectDirectory, "bin", configuration, "net10.0");
        if (!File.Exists(Path.Combine(directory, "functions.metadata")))
        {
            throw new InvalidOperationException($"The function app is not built at {directory} (functions.metadata is missing): build it first.");
        }

        return directory;
    }
}
