using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;
using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Telemetry;
using ArFunctions.Email;
using ArFunctions.FunctionApp.Functions;
using ArFunctions.FunctionApp.Http;
using ArFunctions.FunctionApp.Tests.Infrastructure;
using ArFunctions.Samples;
using ArFunctions.Storage.Stores;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace ArFunctions.FunctionApp.Tests.Telemetry;

/// <summary>
/// The five metrics, counted in-process: the worker's metrics live in its own process, so this test builds the function
/// classes with the app's own extensions and calls them as the worker would, under a MeterListener.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class FunctionMetricsEmit(AzuriteFixture azurite)
{
    [Fact]
    public async Task EmitsRunDurationStepsEmailsCallsAndWebhookMetrics()
    {
        var measured = new ConcurrentDictionary<string, double>();
        using var listener = Listen(measured);
        var settings = WorkerApp.DefaultSettings(azurite.ConnectionString);
        await using var services = WorkerApp.TestServices(settings, builder =>
        {
            builder.AddArFunctionsEmail();
            builder.Services.AddSingleton<PoisonQueue>().AddSingleton<DailyRunFunctions>().AddSingleton<ActionFunctions>().AddSingleton<WebhookFunctions>();
        });
        var portfolio = PortfolioGenerator.Generate(new PortfolioOptions { Customers = 60, AsOf = WorkerApp.Today, Seed = 7 });
        await services.GetRequiredService<CustomerStore>().UpsertAsync(portfolio.Customers, CancellationToken.None);
        await services.GetRequiredService<InvoiceStore>().UpsertAsync(portfolio.Invoices, CancellationToken.None);
        var prefix = settings["ArFunctions__Storage__QueuePrefix"]!;
        var daily = services.GetRequiredService<DailyRunFunctions>();
        var actions = services.GetRequiredService<ActionFunctions>();

        await daily.RunDailyAsync(new TimerInfo(), CancellationToken.None);
        await DrainAsync(azurite.ConnectionString, prefix + QueueNames.Shards, text => daily.ProcessShardAsync(text, new DeliveryContext(), CancellationToken.None));
        await DrainAsync(azurite.ConnectionString, prefix + QueueNames.Emails, text => actions.SendEmailAsync(text, new DeliveryContext(), CancellationToken.None));
        await DrainAsync(azurite.ConnectionString, prefix + QueueNames.Tasks, text => actions.CreateCallTaskAsync(text, new DeliveryContext(), CancellationToken.None));
        var http = new DefaultHttpContext();
        http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes("{}"));
        await services.GetRequiredService<WebhookFunctions>().ProcessorAsync(http.Request, "payments", CancellationToken.None);

        Assert.True(measured.ContainsKey("ar.run.duration"), "run duration");
        foreach (var counter in new[] { "ar.steps.planned", "ar.emails.sent", "ar.calls.created", "ar.webhook.events" })
        {
            Assert.True(measured.GetValueOrDefault(counter) > 0, counter);
        }

        Directory.Delete(settings["ArFunctions__Email__PickupFolder"]!, recursive: true);
    }

    private static MeterListener Listen(ConcurrentDictionary<string, double> measured)
    {
        var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ArFunctionsMetrics.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => measured.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value));
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => measured.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value));
        listener.Start();
        return listener;
    }

    private static async Task DrainAsync(string connectionString, string queueName, Func<string, Task> handle)
    {
        var queue = new Azure.Storage.Queues.QueueClient(connectionString, queueName, new Azure.Storage.Queues.QueueClientOptions { MessageEncoding = Azure.Storage.Queues.QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync();
        while ((await queue.ReceiveMessagesAsync(32)).Value is { Length: > 0 } batch)
        {
            foreach (var message in batch)
            {
                await handle(message.Body.ToString());
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }

    /// <summary>The little of a FunctionContext the queue functions read: the delivery's trigger metadata.</summary>
    private sealed class DeliveryContext : FunctionContext
    {
        public override string InvocationId { get; } = Guid.NewGuid().ToString();

        public override string FunctionId => "test";

        public override TraceContext TraceContext => throw new NotSupportedException();

        public override BindingContext BindingContext { get; } = new Delivery();

        public override RetryContext RetryContext => throw new NotSupportedException();

        public override IServiceProvider InstanceServices { get; set; } = new ServiceCollection().BuildServiceProvider();

        public override FunctionDefinition FunctionDefinition => throw new NotSupportedException();

        public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

        public override Microsoft.Azure.Functions.Worker.IInvocationFeatures Features => throw new NotSupportedException();

        private sealed class Delivery : BindingContext
        {
            public override IReadOnlyDictionary<string, object?> BindingData { get; } = new Dictionary<string, object?> { ["DequeueCount"] = 1, ["Id"] = "test" };
        }
    }
}
