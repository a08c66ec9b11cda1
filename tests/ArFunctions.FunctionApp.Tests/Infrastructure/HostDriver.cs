using System.Net;
using System.Text.Json;
using Azure.Storage.Queues;
using static ArFunctions.FunctionApp.Tests.Infrastructure.HostPayloads;

namespace ArFunctions.FunctionApp.Tests.Infrastructure;

/// <summary>Plays the Functions host's queue listener: receives what the app queued and invokes the function for each message.</summary>
public sealed class HostDriver(FunctionAppFactory app, HttpClient client)
{
    /// <summary>Invokes <paramref name="function"/> for every message of <paramref name="queueName"/>, <paramref name="deliveries"/> times each (the host's at-least-once), until the queue is empty.</summary>
    public async Task<List<string>> DrainAsync(string queueName, string function, int deliveries = 1)
    {
        var logs = new List<string>();
        var queue = app.Queue(queueName);
        await queue.CreateIfNotExistsAsync();
        while (true)
        {
            var batch = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value;
            if (batch.Length == 0)
            {
                return logs;
            }

            foreach (var message in batch)
            {
                for (var delivery = 1; delivery <= deliveries; delivery++)
                {
                    var form = (QueueForm)((delivery - 1) % 3);
                    var response = await client.InvokeAsync(function, Queue(function, message.Body.ToString(), form, delivery));
                    Assert.True(response.StatusCode == HttpStatusCode.OK, $"{function} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                    logs.Add((await response.ReadJsonAsync()).GetProperty("Logs")[0].GetString()!);
                }

                await DeleteAsync(queue, message.MessageId, message.PopReceipt);
            }
        }
    }

    public async Task RunDayAsync()
    {
        var response = await client.InvokeAsync("DailyRun", Timer(isPastDue: false));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await DrainAsync("ar-shards", "ProcessShard");
    }

    private static async Task DeleteAsync(QueueClient queue, string id, string receipt)
    {
        try
        {
            await queue.DeleteMessageAsync(id, receipt);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            // Azurite sometimes loses a just-received message's receipt; it is gone either way.
        }
    }

    public static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
