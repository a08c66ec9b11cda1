using System.Diagnostics;

namespace ArFunctions.Storage.Tests.Infrastructure;

public class AzuriteFixtureDispose
{
    [Fact]
    public async Task LeavesNoAzuriteProcessGivenAStartedFixture()
    {
        var fixture = new AzuriteFixture(existingConnectionString: null);
        await fixture.InitializeAsync();
        var processId = Assert.NotNull(fixture.ProcessId);
        Assert.True(IsRunning(processId), "the fixture should have started Azurite");

        await fixture.DisposeAsync();

        Assert.False(IsRunning(processId), $"Azurite (pid {processId}) is still running after dispose");
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
