using ArFunctions.Application.Ports;
using ArFunctions.Storage.DailyRuns;
using ArFunctions.Storage.Policies;
using ArFunctions.Storage.Queues;
using ArFunctions.Storage.Stores;
using ArFunctions.Storage.Tables;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ArFunctions.Storage;

public static class StorageHostingExtensions
{
    /// <summary>
    /// Registers <see cref="StorageOptions"/> (section <c>ArFunctions:Storage</c>, validated on start), the table and queue
    /// service clients, <see cref="Sharding"/>, the stores and the <see cref="QueueSender"/>.
    /// </summary>
    public static IHostApplicationBuilder AddArFunctionsStorage(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();

        services.AddSingleton(sp => StorageClientFactory.CreateTableServiceClient(Options(sp)));
        services.AddSingleton(sp => StorageClientFactory.CreateQueueServiceClient(Options(sp)));
        services.AddSingleton(sp => new Sharding(Options(sp).ShardCount));
        services.AddSingleton(sp => new StorageTables(sp.GetRequiredService<TableServiceClient>(), Options(sp).TablePrefix));
        services.AddSingleton<ArFunctions.Application.Ports.IStorageHealth, Tables.TableStorageHealth>();

        services.AddSingleton<CustomerStore>();
        services.AddSingleton<InvoiceIndexStore>();
        services.AddSingleton<InvoiceStore>();
        services.AddSingleton<PaymentStore>();
        services.AddSingleton<CreditStore>();
        services.AddSingleton<InteractionStore>();
        services.AddSingleton<LedgerStore>();
        services.AddSingleton<QueueSender>();

        // The daily run's ports.
        services.AddOptions<PolicyOptions>().BindConfiguration(PolicyOptions.SectionName);
        services.AddSingleton<TablePolicyStore>();
        services.AddSingleton<Application.Policies.IPolicyStore>(sp => sp.GetRequiredService<TablePolicyStore>());
        services.AddSingleton<TablePolicySource>();
        services.AddSingleton<IPolicySource>(sp => sp.GetRequiredService<TablePolicySource>());
        services.AddSingleton<TableRunStore>();
        services.AddSingleton<IRunStore>(sp => sp.GetRequiredService<TableRunStore>());
        services.AddSingleton<ICompletedRuns>(sp => sp.GetRequiredService<TableRunStore>());
        services.AddSingleton<IDecisionLog, DailyRuns.TableDecisionLog>();
        services.AddSingleton<TableShardStore>();
        services.AddSingleton<IShardStore>(sp => sp.GetRequiredService<TableShardStore>());
        services.AddSingleton<TableRunResultStore>();
        services.AddSingleton<IRunResultStore>(sp => sp.GetRequiredService<TableRunResultStore>());
        services.AddSingleton<IMessageQueue, QueueMessages>();
        services.AddSingleton<Application.Intake.IIntakeStore, Intake.TableIntakeStore>();
        services.AddSingleton<Application.Webhooks.IWebhookEventStore, Webhooks.TableWebhookEventStore>();
        services.AddSingleton<Application.Webhooks.IPaymentStateStore, Webhooks.TablePaymentStateStore>();
        services.AddSingleton<Application.Webhooks.IUnmatchedPaymentStore, Webhooks.TableUnmatchedPaymentStore>();
        services.AddSingleton<Application.Webhooks.IReceivablesLedger, Webhooks.TableReceivablesLedger>();
        services.AddSingleton<Application.Customers.ICustomerRecordStore, Admin.TableCustomerRecordStore>();
        services.AddSingleton<Application.Kpis.IKpiSnapshotStore, Admin.TableKpiSnapshotStore>();

        // The action handlers' ports (SendEmail).
        services.AddSingleton<Emails.TableActionOutcomeStore>();
        services.AddSingleton<Application.Emails.IActionOutcomeStore>(sp => sp.GetRequiredService<Emails.TableActionOutcomeStore>());
        services.AddSingleton<Application.Emails.ICustomerAccountReader>(sp => sp.GetRequiredService<Emails.TableActionOutcomeStore>());
        services.AddSingleton<Application.Emails.IInteractionRecorder>(sp => sp.GetRequiredService<Emails.TableActionOutcomeStore>());
        services.AddSingleton<Application.Emails.IDeliveryReportStore, Emails.TableDeliveryReportStore>();
        services.AddSingleton<Contacts.TableContactStateStore>();
        services.AddSingleton<Application.Contacts.IContactStateStore>(sp => sp.GetRequiredService<Contacts.TableContactStateStore>());

        // Tasks and worklist queries.
        services.AddSingleton<Tasks.TableTaskStore>();
        services.AddSingleton<Application.Tasks.ITaskStore>(sp => sp.GetRequiredService<Tasks.TableTaskStore>());
        services.AddSingleton<Application.Tasks.ITaskAccountStore, Tasks.TableTaskAccountStore>();
        services.AddSingleton<Application.Tasks.ITaskActionStore, Tasks.TableTaskActionStore>();
        services.AddSingleton<Application.Worklists.IWorklistSource, Tasks.TableWorklistSource>();

        // The customer portal's revoked links.
        services.AddSingleton<Application.Portal.IPortalRevocationStore, Portal.TablePortalRevocationStore>();
        return builder;
    }

    private static StorageOptions Options(IServiceProvider services) =>
        services.GetRequiredService<IOptions<StorageOptions>>().Value;
}
