using System.Text;
using System.Text.Json;
using ArFunctions.Domain.Customers;
using ArFunctions.Storage.Queues;
using ArFunctions.Storage.Tables;
using ArFunctions.Storage.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArFunctions.Storage.Tests.Queues;

[Collection(AzuriteCollection.Name)]
public class QueueSenderSend(AzuriteFixture azurite)
{
    [Fact]
    public async Task StoresBase64OfTheCamelCaseJsonGivenAMessage()
    {
        var queueName = AzuriteFixture.UniqueName("q");
        var message = new ProcessShardMessage("2026-05-04", 17, PaymentMethod.DirectDebit, "Zoë \"quoted\" ünïcode 😀");

        await Sender().SendAsync(queueName, message, CancellationToken.None);
        var received = (await azurite.CreateRawQueueClient(queueName).ReceiveMessageAsync()).Value;

        var json = Encoding.UTF8.GetString(Convert.FromBase64String(received.MessageText));
        Assert.Equal("""{"asOf":"2026-05-04","shard":17,"method":"direct-debit","note":"Zo\u00EB \u0022quoted\u0022 \u00FCn\u00EFcode \uD83D\uDE00"}""", json);
        Assert.Equal(message, JsonSerializer.Deserialize<ProcessShardMessage>(json, QueueSender.SerializerOptions));
    }

    [Fact]
    public async Task ThrowsBeforeSendingGivenAMessageOver64KiBOnceEncoded()
    {
        var queueName = AzuriteFixture.UniqueName("q");
        var message = new ProcessShardMessage("2026-05-04", 1, PaymentMethod.Ach, new string('x', QueueSender.MaxJsonBytes));

        var error = await Assert.ThrowsAsync<StorageLimitException>(() => Sender().SendAsync(queueName, message, CancellationToken.None));

        Assert.Contains($"queue '{queueName}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("at most 65536 bytes encoded", error.Message, StringComparison.Ordinal);
        Assert.False((await azurite.CreateRawQueueClient(queueName).ExistsAsync()).Value);
    }

    [Fact]
    public async Task SendsTheLargestMessageThatFitsGivenExactly48KiBOfJson()
    {
        var queueName = AzuriteFixture.UniqueName("q");
        var overhead = QueueSender.Serialize(new ProcessShardMessage("2026-05-04", 1, PaymentMethod.Ach, "")).Length;
        var message = new ProcessShardMessage("2026-05-04", 1, PaymentMethod.Ach, new string('x', QueueSender.MaxJsonBytes - overhead));

        await Sender().SendAsync(queueName, message, CancellationToken.None);

        Assert.Equal(1, (await azurite.CreateRawQueueClient(queueName).GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Upper")]
    [InlineData("double--hyphen")]
    [InlineData("-leading")]
    public async Task ThrowsGivenAnInvalidQueueName(string queueName)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Sender().SendAsync(queueName, new ProcessShardMessage("x", 1, PaymentMethod.Ach, ""), CancellationToken.None));
    }

    private QueueSender Sender() =>
        new(StorageClientFactory.CreateQueueServiceClient(azurite.CreateOptions("ar")), NullLogger<QueueSender>.Instance);

    private sealed record ProcessShardMessage(string AsOf, int Shard, PaymentMethod Method, string Note);
}
