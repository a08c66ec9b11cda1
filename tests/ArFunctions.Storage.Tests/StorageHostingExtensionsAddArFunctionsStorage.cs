using System.Text;
using ArFunctions.Domain.Common;
using ArFunctions.Storage.Queues;
using ArFunctions.Storage.Stores;
using ArFunctions.Storage.Tests.Builders;
using ArFunctions.Storage.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ArFunctions.Storage.Tests;

[Collection(AzuriteCollection.Name)]
public class StorageHostingExtensionsAddArFunctionsStorage(AzuriteFixture azurite)
{
    [Fact]
    public async Task FailsToStartWithTheSettingNamedGivenNoStorageAccount()
    {
        using var host = Build(new Dictionary<string, string?> { ["ArFunctions:Storage:ShardCount"] = "64" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("ArFunctions:Storage: set ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WiresWorkingStoresAndABase64QueueSenderGivenAnAzuriteConnectionString()
    {
        using var host = Build(new Dictionary<string, string?>
        {
            ["ArFunctions:Storage:ConnectionString"] = azurite.ConnectionString,
            ["ArFunctions:Storage:TablePrefix"] = AzuriteFixture.UniqueName("t"),
            ["ArFunctions:Storage:ShardCount"] = "4",
        });
        await host.StartAsync();
        var customers = host.Services.GetRequiredService<CustomerStore>();
        var customer = Generate.Customer(new Random(5), new CustomerId("WIRED"));
        var queueName = AzuriteFixture.UniqueName("q");

        await customers.UpsertAsync([customer], CancellationToken.None);
        await host.Services.GetRequiredService<QueueSender>().SendAsync(queueName, new { shard = 3 }, CancellationToken.None);

        Assert.Equal(4, host.Services.GetRequiredService<Sharding>().ShardCount);
        Assert.True(Generate.SameCustomer(customer, (await customers.GetAsync(customer.Id, CancellationToken.None))!));
        var text = (await azurite.CreateRawQueueClient(queueName).ReceiveMessageAsync()).Value.MessageText;
        Assert.Equal("""{"shard":3}""", Encoding.UTF8.GetString(Convert.FromBase64String(text)));
        await host.StopAsync();
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddArFunctionsStorage();
        return builder.Build();
    }
}
