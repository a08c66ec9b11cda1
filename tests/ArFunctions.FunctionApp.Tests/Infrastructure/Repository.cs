using ArFunctions.Local;

namespace ArFunctions.FunctionApp.Tests.Infrastructure;

public static class Repository
{
    public static string Root { get; } = LocalAzurite.FindRepositoryRoot();

    public static string FunctionAppProject { get; } = Path.Combine(Root, "src", "ArFunctions.FunctionApp");
}
