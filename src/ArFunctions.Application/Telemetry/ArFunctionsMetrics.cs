using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ArFunctions.Application.Telemetry;

/// <summary>
/// The traces and metrics ArFunctions emits (meter and activity source "ArFunctions"). The function app exports them
/// through OpenTelemetry; nothing here depends on an exporter.
/// </summary>
public static class ArFunctionsMetrics
{
    public const string Name = "ArFunctions";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Wall time of a daily run, from its opening to its completion by the finaliser.</summary>
    public static readonly Histogram<double> RunDuration = Meter.CreateHistogram<double>("ar.run.duration", "s", "Time from opening a daily run to its completion");

    public static readonly Counter<long> StepsPlanned = Meter.CreateCounter<long>("ar.steps.planned", "{step}", "Dunning steps recorded in the ledger to fire");

    public static readonly Counter<long> EmailsSent = Meter.CreateCounter<long>("ar.emails.sent", "{email}", "Emails handed to the sender");

    public static readonly Counter<long> CallsCreated = Meter.CreateCounter<long>("ar.calls.created", "{task}", "Call tasks created or merged for collectors");

    public static readonly Counter<long> WebhookEvents = Meter.CreateCounter<long>("ar.webhook.events", "{event}", "Payment webhook events received, by source and outcome");
}
