using ArFunctions.Application.Emails;
using ArFunctions.Application.Ports;
using ArFunctions.Email.Acs;
using ArFunctions.Email.Pickup;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
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
        Assert.Contains(error.Failures, f => f.Contains("ArFunctions:Email:RemitTo is required in Acs mode", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("ArFunctions:Email:PaymentInstructions is required in Acs mode", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FailsStartGivenAnArMailboxThatIsNoAddress()
    {
        using var host = Build(new() { ["ArFunctions:Email:Mode"] = "Pickup", ["ArFunctions:Email:PickupFolder"] = "outbox", ["ArFunctions:Email:ArMailbox"] = "accounts receivable" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("ArFunctions:Email:ArMailbox 'accounts receivable' is not an email address", error.Failures);
    }

    [Theory]
    [InlineData("DoNotReply@acme.example", null, null, true)]
    [InlineData("no-reply@acme.example", null, null, true)]
    [InlineData("DoNotReply@acme.example", "ar@acme.example", null, false)]
    [InlineData("DoNotReply@acme.example", null, "ar@acme.example", false)]
    [InlineData("ar@acme.example", null, null, false)]
    public async Task WarnsAtStartGivenADoNotReplySenderWithNoReplyTo(string sender, string? arMailbox, string? replyTo, bool warns)
    {
        var logs = new ListLogger();
        using var host = Build(
            new()
            {
                ["ArFunctions:Email:Mode"] = "Pickup",
                ["ArFunctions:Email:PickupFolder"] = "outbox",
                ["ArFunctions:Email:SenderAddress"] = sender,
                ["ArFunctions:Email:ArMailbox"] = arMailbox,
                ["ArFunctions:Email:ReplyTo"] = replyTo,
            },
            logs);

        await host.StartAsync();
        await host.StopAsync();

        Assert.Equal(warns, logs.Warnings.Any(w => w.Contains("no Reply-To", StringComparison.Ordinal)));
        Assert.DoesNotContain(logs.Warnings, w => w.Contains(sender, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void RepliesToTheArMailboxGivenNoReplyTo()
    {
        Assert.Equal("ar@acme.example", new EmailOptions { ArMailbox = "ar@acme.example" }.EffectiveReplyTo);
        Assert.Equal("disputes@acme.example", new EmailOptions { ArMailbox = "ar@acme.example", ReplyTo = "disputes@acme.example" }.EffectiveReplyTo);
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
            ["ArFunctions:Email:ArMailbox"] = "ar@acme.example",
            ["ArFunctions:Email:RemitTo"] = "Acme Supplies Inc.|PO Box 100|Springfield, IL 62701",
            ["ArFunctions:Email:PaymentInstructions"] = "ACH to account 123456789, routing 021000021; quote the invoice number.",
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

    private static IHost Build(Dictionary<string, string?> settings, ListLogger? logs = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.AddArFunctionsEmail();
        return builder.Build();
    }

    /// <summary>Keeps the warnings logged, formatted.</summary>
    private sealed class ListLogger : ILoggerProvider, ILogger
    {
        public List<string> Warnings { get; } = [];

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                lock (Warnings)
                {
                    Warnings.Add(formatter(state, exception));
                }
            }
        }

        public void Dispose()
        {
        }
    }
}
