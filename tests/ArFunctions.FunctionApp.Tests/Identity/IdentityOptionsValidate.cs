using ArFunctions.FunctionApp.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace ArFunctions.FunctionApp.Tests.Identity;

public sealed class IdentityOptionsValidate
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void RefusesTheDevelopmentPrincipalSourceOutsideDevelopment(string environment)
    {
        var result = Validator(environment).Validate(null, new IdentityOptions { DevelopmentPrincipals = true });

        Assert.True(result.Failed);
        Assert.Contains("local development only", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void AllowsTheDevelopmentPrincipalSourceInDevelopment() =>
        Assert.True(Validator("Development").Validate(null, new IdentityOptions { DevelopmentPrincipals = true }).Succeeded);

    [Fact]
    public void AllowsThePlatformOnlyEverywhere() =>
        Assert.True(Validator("Production").Validate(null, new IdentityOptions()).Succeeded);

    private static IdentityOptionsValidator Validator(string environment) =>
        new(new Environment(environment), new ConfigurationBuilder().Build());

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "ArFunctions.FunctionApp";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
