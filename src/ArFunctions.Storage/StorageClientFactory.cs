using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;

namespace ArFunctions.Storage;

/// <summary>Builds the SDK clients from <see cref="StorageOptions"/>; the one place that picks the credential.</summary>
public static class StorageClientFactory
{
    public static TableServiceClient CreateTableServiceClient(StorageOptions options, TableClientOptions? clientOptions = null)
    {
        clientOptions ??= new TableClientOptions();
        return options.UsesConnectionString
            ? new TableServiceClient(options.ConnectionString, clientOptions)
            : new TableServiceClient(Required(options.TableServiceUri, nameof(options.TableServiceUri)), CreateCredential(options), clientOptions);
    }

    /// <summary>
    /// Queue messages are base64-encoded, as the Functions host expects with <c>messageEncoding: base64</c> in host.json.
    /// </summary>
    public static QueueServiceClient CreateQueueServiceClient(StorageOptions options, QueueClientOptions? clientOptions = null)
    {
        clientOptions ??= new QueueClientOptions();
        clientOptions.MessageEncoding = QueueMessageEncoding.Base64;
        return options.UsesConnectionString
            ? new QueueServiceClient(options.ConnectionString, clientOptions)
            : new QueueServiceClient(Required(options.QueueServiceUri, nameof(options.QueueServiceUri)), CreateCredential(options), clientOptions);
    }

    public static TokenCredential CreateCredential(StorageOptions options) =>
        string.IsNullOrWhiteSpace(options.ManagedIdentityClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId));

    private static Uri Required(Uri? uri, string name) =>
        uri ?? throw new InvalidOperationException($"{StorageOptions.SectionName}:{name} is not set.");
}
