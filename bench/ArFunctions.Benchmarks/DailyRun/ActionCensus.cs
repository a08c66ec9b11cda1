using System.Collections.Concurrent;
using System.Globalization;
using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Emails;
using ArFunctions.Application.Tasks;
using ArFunctions.Local;

namespace ArFunctions.Benchmarks.DailyRun;

/// <summary>
/// <c>--actions 1</c>: after the census, carries out what the run queued as the function app would, every message of
/// ar-emails through <see cref="SendEmail"/> (pickup: .eml files in a temporary folder) and of ar-tasks through
/// <see cref="CreateCallTask"/>, and prints each handler's storage round trips per message by kind (the drain's own
/// receive and delete included: the Functions host makes them).
/// </summary>
internal static class ActionCensus
{
    private const int Concurrency = 8;

    /// <summary>The email settings the handlers need (the demo's, sending without a rate limit into a pickup folder).</summary>
    public static Dictionary<string, string?> Settings(string outbox) => new(StringComparer.Ordinal)
    {
        ["ArFunctions:Email:Mode"] = "Pickup",
        ["ArFunctions:Email:PickupFolder"] = outbox,
        ["ArFunctions:Email:SenderAddress"] = "DoNotReply@ar.example.com",
        ["ArFunctions:Email:SenderName"] = "Accounts Receivable (bench)",
        ["ArFunctions:Email:CompanyName"] = "Bench Supplies Ltd",
        ["ArFunctions:Email:ArMailbox"] = "ar@ar.example.com",
        ["ArFunctions:Email:RemitTo"] = "Bench Supplies Ltd|PO Box 100|Springfield, IL 62701",
        ["ArFunctions:Email:PaymentInstructions"] = "Bank transfer to account 123456789; quote the invoice number.",
        ["ArFunctions:Email:SendsPerMinute"] = "10000",
        ["ArFunctions:Portal:BaseUrl"] = "http://localhost:7071",
        ["ArFunctions:Portal:Keys:0:Id"] = "bench",
        ["ArFunctions:Portal:Keys:0:Secret"] = Convert.ToBase64String(new byte[32]),
    };

    public static async Task PrintAsync(LocalPipeline pipeline, StorageCallRecorder calls, string prefix)
    {
        var send = pipeline.Get<SendEmail>();
        await DrainAsync(pipeline, calls, prefix, "SendEmail", QueueNames.Emails, async (message, token) =>
        {
            var result = await send.HandleAsync(message, token);
            return (DeliveryOutcome.Of(result), result.GetType().Name);
        });
        var create = pipeline.Get<CreateCallTask>();
        await DrainAsync(pipeline, calls, prefix, "CreateCallTask", QueueNames.Tasks, async (message, token) =>
        {
            var result = await create.HandleAsync(message, token);
            return (DeliveryOutcome.Of(result), result.Outcome.ToString());
        });
    }

    private static async Task DrainAsync(
        LocalPipeline pipeline, StorageCallRecorder calls, string prefix, string handler, string queue, Func<ActionMessage, CancellationToken, Task<(DeliveryOutcome Outcome, string Name)>> handle)
    {
        calls.Clear();
        var outcomes = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var handled = await pipeline.DrainAsync<ActionMessage>(queue, async (message, token) =>
        {
            var (outcome, name) = await handle(message, token);
            outcomes.AddOrUpdate(name, 1, (_, n) => n + 1);
            return outcome;
        }, Concurrency, CancellationToken.None);
        var counts = calls.Counts(prefix);
        Console.WriteLine(Line($"  {handler}: {handled:N0} messages ({string.Join(", ", outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Value:N0} {o.Key}"))}), {counts.Values.Sum() / (double)Math.Max(handled, 1):0.00} round trips a message"));
        foreach (var (label, count) in counts.OrderByDescending(c => c.Value))
        {
            Console.WriteLine(Line($"    {label,-30} {count / (double)Math.Max(handled, 1),6:0.00} a message"));
        }
    }

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
