using System.Collections.Concurrent;
using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Emails;
using ArFunctions.Application.Tasks;
using ArFunctions.Local;

namespace ArFunctions.Cli.Actions;

/// <summary>
/// Carries out what a run queued, as the function app's SendEmail and CreateCallTask functions would: every visible
/// message of ar-emails through <see cref="SendEmail"/> (the configured sender: pickup .eml files or ACS), then every
/// message of ar-tasks through <see cref="CreateCallTask"/>. A message the app would retry or poison is left queued.
/// </summary>
internal static class ActionDrain
{
    private const int Concurrency = 8;

    public static async Task<ActionTally> RunAsync(LocalPipeline pipeline, CancellationToken cancellationToken)
    {
        var tally = new ActionTally();
        var send = pipeline.Get<SendEmail>();
        await pipeline.DrainAsync<ActionMessage>(QueueNames.Emails, async (message, token) =>
        {
            var result = await send.HandleAsync(message, token);
            tally.Add(message, result);
            return DeliveryOutcome.Of(result);
        }, Concurrency, cancellationToken);

        var create = pipeline.Get<CreateCallTask>();
        await pipeline.DrainAsync<ActionMessage>(QueueNames.Tasks, async (message, token) =>
        {
            var result = await create.HandleAsync(message, token);
            tally.Add(result);
            return DeliveryOutcome.Of(result);
        }, Concurrency, cancellationToken);
        return tally;
    }
}

/// <summary>What <see cref="ActionDrain"/> did, counted per outcome; skips and failures per reason.</summary>
internal sealed class ActionTally
{
    private readonly ConcurrentBag<string> _emailed = [];
    private readonly ConcurrentDictionary<string, int> _emails = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _tasks = new(StringComparer.Ordinal);

    /// <summary>The customers an email was sent to, one entry per email.</summary>
    public IReadOnlyCollection<string> EmailedCustomers => _emailed;

    public int EmailsSent => _emailed.Count;

    public int TasksCreated => Count(_tasks, nameof(CreateTaskOutcome.Created)) + Count(_tasks, nameof(CreateTaskOutcome.Merged));

    /// <summary>Email outcomes other than sent ("skipped: paid", "deferred", ...), with their counts.</summary>
    public IReadOnlyDictionary<string, int> OtherEmails => _emails;

    /// <summary>Task outcomes ("created", "merged into an open task", "skipped: invoices-closed", ...), with their counts.</summary>
    public IReadOnlyDictionary<string, int> Tasks => _tasks;

    public void Add(ActionMessage message, SendEmailResult result)
    {
        var outcome = result switch
        {
            SendEmailResult.Sent => null,
            SendEmailResult.Skipped skipped => "skipped: " + skipped.Reason,
            SendEmailResult.AlreadyDone done => "already " + done.Status.ToString().ToLowerInvariant(),
            SendEmailResult.InProgress => "being sent by another delivery",
            SendEmailResult.Deferred => "deferred by the send rate (still queued)",
            SendEmailResult.Retry retry => "not sent, left queued for a retry: " + retry.Reason,
            SendEmailResult.Failed failed => "failed: " + failed.Reason,
            SendEmailResult.Malformed malformed => "malformed, left queued: " + malformed.Reason,
            _ => result.GetType().Name,
        };
        if (outcome is null)
        {
            _emailed.Add(message.CustomerId);
        }
        else
        {
            _emails.AddOrUpdate(outcome, 1, (_, n) => n + 1);
        }
    }

    public void Add(CreateTaskResult result)
    {
        var outcome = result.Outcome switch
        {
            CreateTaskOutcome.Created => nameof(CreateTaskOutcome.Created),
            CreateTaskOutcome.Merged => nameof(CreateTaskOutcome.Merged),
            CreateTaskOutcome.Skipped => "skipped: " + result.Reason,
            CreateTaskOutcome.Malformed => "malformed, left queued: " + result.Reason,
            _ => result.Outcome.ToString().ToLowerInvariant(),
        };
        _tasks.AddOrUpdate(outcome, 1, (_, n) => n + 1);
    }

    private static int Count(ConcurrentDictionary<string, int> counts, string key) => counts.GetValueOrDefault(key);
}
