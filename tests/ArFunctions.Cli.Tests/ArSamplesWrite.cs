using ArFunctions.Cli.Tests.Infrastructure;

namespace ArFunctions.Cli.Tests;

public sealed class ArSamplesWrite : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ar-samples-test-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task WritesExactlyTheCommittedSamplesGivenTheDefaults()
    {
        var (exit, output) = await Ar.RunAsync("samples", "write", "--out", _folder);

        Assert.True(exit == 0, output);
        foreach (var file in new[] { "customers.csv", "invoices.csv", "payments.csv" })
        {
            Assert.Equal(await File.ReadAllTextAsync(Path.Combine(Ar.Samples, file)), await File.ReadAllTextAsync(Path.Combine(_folder, file)));
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
