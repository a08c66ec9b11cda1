using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArFunctions.Application.Webhooks;

/// <summary>
/// Says once, when the app starts, which webhook sources are disabled and why, so a bad or unresolved secret shows
/// in the logs instead of stopping the app. Never logs a secret.
/// </summary>
public sealed partial class WebhookSourcesStartupReport(IOptionsMonitor<WebhookOptions> options, ILogger<WebhookSourcesStartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (source, reason) in WebhookSources.Of(options.CurrentValue).Disabled.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            LogDisabled(logger, source, reason);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 605, Level = LogLevel.Warning,
        Message = "Webhook source {Source} is disabled: {Reason}. Its requests are answered 503 until its setting ArFunctions:Webhooks:Secrets:<source> holds a valid secret; everything else runs.")]
    private static partial void LogDisabled(ILogger logger, string source, string reason);
}
