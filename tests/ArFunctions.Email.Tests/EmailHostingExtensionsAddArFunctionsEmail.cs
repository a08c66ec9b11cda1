using ArFunctions.Application.Emails;
using ArFunctions.Application.Ports;
using ArFunctions.Email.Acs;
using ArFunctions.Email.Pickup;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ArFunctions.Email.Tests;

public sealed class EmailHostingExtensionsAddArFunctionsEmail
{
    [Fact]
    public async Task FailsStartListingSettingsGivenAcsModeWithoutEndpointOrSender()
    {
        using var host = Build(new() { ["ArFunctions:Email:Mode"] = "Acs" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(error.Failures, f => f.Contains("ArFunctions:Email:Endpoint or ArFunctions:Email:ConnectionString", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("ArFunctions:Email:SenderAddress", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FailsStartGivenPickupModeWithoutFolder()
    {
        using var host = Build(new() { ["ArFunctions:Email:Mode"] = "Pickup" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(error.Failures, f => f.Contains("ArFunctions:Email:PickupFolder", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RegistersAcsSenderAndTemplatesGivenConnectionString()
    {
        using var host = Build(new()
        {
            ["ArFunctions:Email:Mode"] = "Acs",
            ["ArFunctions:Email:ConnectionString"] = "endpoint=https://acs.example.communication.azure.com/;accesskey=" + Convert.ToBase64String(new byte[32]),
            ["ArFunctions:Email:SenderAddress"] = "DoNotReply@acme.example",
        });

        await host.StartAsync();

        Assert.IsType<AcsEmailSender>(host.Services.GetRequiredService<IEmailSender>());
        Assert.Contains("overdue", host.Services.GetRequiredService<ITemplateCatalog>().TemplateIds);
        await host.StopAsync();
    }

    [Theory]
    [InlineData("00:00:25")]
    [InlineData("00:02:00")]
    [InlineData("00:00:00")]
    public async Task FailsStartGivenSendAllowedToOutlastTheClaimLease(string maxSendDuration)
    {
        using var host = Build(new() { ["ArFunctions:Email:Mode"] = "Pickup", ["ArFunctions:Email:PickupFolder"] = "outbox", ["ArFunctions:Email:MaxSendDuration"] = maxSendDuration });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(error.Failures, f => f.Contains("ArFunctions:Email:MaxSendDuration", StringComparison.Ordinal));
    }

    [Fact]
    public void BoundsOneSendBelowTheClaimLeaseGivenDefaults() =>
        Assert.True(new EmailOptions().MaxSendDuration < ActionClaim.Lease);

    [Fact]
    public void RegistersPickupSenderGivenPickupMode()
    {
        using var host = Build(new() { ["ArFunctions:Email:Mode"] = "Pickup", ["ArFunctions:Email:PickupFolder"] = "outbox" });

        Assert.IsType<PickupEmailSender>(host.Services.GetRequiredService<IEmailSender>());
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddArFunctionsEmail();
        return builder.Build();
    }
}
