using ArFunctions.Application.DailyRuns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace ArFunctions.Application;

public static class ApplicationHostingExtensions
{
    /// <summary>The use cases and their options. The ports come from ArFunctions.Storage (AddArFunctionsStorage).</summary>
    public static IHostApplicationBuilder AddArFunctionsApplication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DailyRunOptions>().BindConfiguration(DailyRunOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // The instant comes from the system clock (tests and the demo replace it); the business date from BusinessClock,
        // which applies the configured zone. Any Add* call may register the system clock: they all register the same one.
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new BusinessClock(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<DailyRunOptions>>()));
        builder.Services.AddSingleton<StartDailyRun>();
        builder.Services.AddSingleton<ProcessShard>();
        builder.Services.AddSingleton<FinalizeRun>();
        builder.Services.AddSingleton<Intake.Intake>();
        builder.Services.AddOptions<Webhooks.WebhookOptions>().BindConfiguration(Webhooks.WebhookOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<Webhooks.WebhookOptions>, Webhooks.WebhookOptionsValidator>();
        builder.Services.AddHostedService<Webhooks.WebhookSourcesStartupReport>();
        builder.Services.AddSingleton<Webhooks.StripeSignatureVerifier>();
        builder.Services.AddSingleton<Webhooks.StandardWebhookVerifier>();
        builder.Services.AddSingleton<Webhooks.ReceiveWebhook>();
        builder.Services.AddSingleton<Webhooks.PaymentApplier>();
        builder.Services.AddSingleton<Webhooks.ApplyPaymentEvent>();
        builder.Services.AddSingleton<Webhooks.UnmatchedPayments>();
        builder.Services.AddSingleton<Policies.PolicyAdmin>();
        builder.Services.AddSingleton<Customers.CustomerDetailQuery>();
        builder.Services.AddSingleton<Customers.CustomerDecisionsQuery>();
        builder.Services.AddSingleton<Statements.CustomerStatement>();
        builder.Services.AddSingleton<Kpis.KpiQuery>();
        builder.Services.AddSingleton<Runs.RunQuery>();
        builder.Services.AddSingleton<Runs.ManualRun>();
        builder.Services.AddSingleton<Runs.PolicyPreview>();
        builder.Services.AddSingleton<Emails.SendEmail>();
        builder.Services.AddSingleton<Emails.RecordDeliveryReport>();
        builder.Services.AddSingleton<Contacts.OptOutContact>();
        builder.Services.AddSingleton<Tasks.TaskAssigner>();
        builder.Services.AddSingleton<Tasks.CreateCallTask>();
        builder.Services.AddSingleton<Tasks.RecordTaskOutcome>();
        builder.Services.AddSingleton<Tasks.ReassignTask>();
        builder.Services.AddSingleton<Portal.PortalActions>();
        builder.Services.AddSingleton<Worklists.WorklistQuery>();
        builder.Services.AddSingleton<Access.AccessRules>();
        builder.Services.AddOptions<Portal.PortalOptions>().BindConfiguration(Portal.PortalOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<Portal.PortalOptions>, Portal.PortalOptionsValidator>();
        builder.Services.AddSingleton<Portal.PortalLinks>();
        builder.Services.AddSingleton<Portal.PortalRateLimiter>();
        builder.Services.AddSingleton<Portal.PortalAccess>();
        builder.Services.AddSingleton<Portal.PortalLinkAdmin>();
        builder.Services.AddSingleton<Portal.PortalAccountQuery>();
        return builder;
    }
}
