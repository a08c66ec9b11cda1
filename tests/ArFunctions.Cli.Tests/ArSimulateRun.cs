using ArFunctions.Cli.Tests.Infrastructure;

namespace ArFunctions.Cli.Tests;

/// <summary><c>arfn simulate --policy FILE</c> over the generated sample portfolio, in memory.</summary>
public sealed class ArSimulateRun : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ar-simulate-").FullName;

    [Fact]
    public async Task NamesTheMissingRatesAndExitsNonZeroGivenAPolicyWithoutThem()
    {
        // The sample portfolio has invoices in USD, EUR and GBP; this policy's base is USD and it knows only EUR.
        var policy = Path.Combine(_folder, "usd-eur.json");
        var sample = File.ReadAllText(Ar.SamplePolicy);
        const string SampleRates = "\"rates\": { \"EUR\": 1.08, \"GBP\": 1.27, \"CAD\": 0.73 }";
        Assert.Contains(SampleRates, sample);
        File.WriteAllText(policy, sample.Replace(SampleRates, "\"rates\": { \"EUR\": 1.08 }", StringComparison.Ordinal));

        var (exit, output) = await Ar.RunAsync(["simulate", "--policy", policy, "--days", "2", "--customers", "200"]);

        Assert.Equal(1, exit);
        Assert.Contains($"{policy}: no exchange rate to USD for GBP", output);
        Assert.Contains("Nothing was simulated.", output);
        Assert.DoesNotContain("Exception", output);
        Assert.DoesNotContain(" at ArFunctions", output);
    }

    [Fact]
    public async Task SimulatesGivenTheSamplePolicy()
    {
        var (exit, output) = await Ar.RunAsync(["simulate", "--days", "2", "--customers", "60"]);

        Assert.True(exit == 0, output);
        Assert.Contains("Sample portfolio: 60 customers", output);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
