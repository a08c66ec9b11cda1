using ArFunctions.Application.Emails;
using ArFunctions.Application.Ports;
using ArFunctions.Email.Acs;
using ArFunctions.Email.Pickup;
using ArFunctions.Email.Templates;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArFunctions.Email;

public static partial class EmailHostingExtensions
{
    /// <summary>
    /// Registers <see cref="EmailOptions"/> (section <c>ArFunctions:Email</c>, validated on start), the template catalog
    /// (<see cref="ITemplateCatalog"/>, <see cref="IEmailRenderer"/>; every template validated on start), the
    /// <see cref="IEmailSender"/> of the configured mode (Acs or Pickup), the <see cref="ISendRateGate"/> and the
    /// statement renderer (<see cref="Application.Statements.IStatementRenderer"/>: PDF and CSV).
    /// </summary>
    public static IHostApplicationBuilder AddArFunctionsEmail(this IHostApplicationBuilder builder)
    {
        builder.Services.AddArFunctionsEmail();
        return builder;
    }

    /// <inheritdoc cref="AddArFunctionsEmail(IHostApplicationBuilder)"/>
    public static IServiceCollection AddArFunctionsEmail(this IServiceCollection services)
    {
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton(sp => LiquidTemplateCatalog.LoadEmbedded(SenderSettings.From(Options(sp))));
        services.AddSingleton<ITemplateCatalog>(sp => sp.GetRequiredService<LiquidTemplateCatalog>());
        services.AddSingleton<IEmailRenderer>(sp => sp.GetRequiredService<LiquidTemplateCatalog>());
        services.AddHostedService<StartupCheck>();
        services.AddArFunctionsStatements();

        services.AddSingleton<ISendRateGate>(sp => new SlidingWindowRateGate(Options(sp).SendsPerMinute, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(CreateAcsClient);
        services.AddSingleton<IEmailSender>(sp => Options(sp).Mode == EmailMode.Acs
            ? new AcsEmailSender(sp.GetRequiredService<AcsEmailClient>(), Options(sp))
            : new PickupEmailSender(Options(sp), sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>
    /// Registers the statement renderer (<see cref="Application.Statements.IStatementRenderer"/>: PDF and CSV) alone, for
    /// hosts that render statements without sending email (the CLI).
    /// </summary>
    public static IServiceCollection AddArFunctionsStatements(this IServiceCollection services)
    {
        services.TryAddSingleton<Application.Statements.IStatementRenderer, Statements.StatementRenderer>();
        return services;
    }

    private static AcsEmailClient CreateAcsClient(IServiceProvider services)
    {
        var options = Options(services);
        var time = services.GetRequiredService<TimeProvider>();
        var logger = services.GetRequiredService<ILogger<AcsEmailClient>>();
        if (!string.IsNullOrWhiteSpace(options.ConnectionString) && AcsConnectionString.TryParse(options.ConnectionString, out var connection, out _))
        {
            return AcsEmailClient.WithAccessKey(connection!, options, time, logger);
        }

        var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = string.IsNullOrWhiteSpace(options.ManagedIdentityClientId) ? null : options.ManagedIdentityClientId,
        });
        return AcsEmailClient.WithCredential(new Uri(options.Endpoint!), credential, options, time, logger);
    }

    private static EmailOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<EmailOptions>>().Value;

    [LoggerMessage(EventId = 510, Level = LogLevel.Warning, Message = "Emails go from a no-reply sender address (ArFunctions:Email:SenderAddress) with no Reply-To: customers asked to send remittance details cannot reply. Set ArFunctions:Email:ArMailbox (or ReplyTo)")]
    private static partial void LogRepliesGoNowhere(ILogger logger);

    /// <summary>
    /// When the host starts: builds the catalog, so a broken template fails the start, never a send; and warns when
    /// mail would go from a DoNotReply address with nowhere for replies to go.
    /// </summary>
    private sealed class StartupCheck(IServiceProvider services, IOptions<EmailOptions> options, ILogger<StartupCheck> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = services.GetRequiredService<LiquidTemplateCatalog>();
            if (options.Value.RepliesGoNowhere)
            {
                LogRepliesGoNowhere(logger);
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
