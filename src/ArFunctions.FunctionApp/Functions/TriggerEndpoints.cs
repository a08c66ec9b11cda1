using ArFunctions.FunctionApp.Protocol;
using ArFunctions.FunctionApp.Telemetry;

namespace ArFunctions.FunctionApp.Functions;

/// <summary>A queue message as delivered: its id and how many times the host has dequeued it.</summary>
internal sealed record QueueDelivery(string? MessageId, int DequeueCount, string? InvocationId);

/// <summary>
/// Maps the host's non-HTTP invocations (<c>POST /{FunctionName}</c>) onto handlers: parses the envelope and the
/// binding, turns the handler's <see cref="FunctionResult"/> into the status code and Logs the host expects, and
/// never lets an exception escape as a crash.
/// </summary>
internal static partial class TriggerEndpoints
{
    public const string QueueBinding = "message";
    public const string TimerBinding = "timer";

    public static RouteHandlerBuilder MapTimerFunction(
        this IEndpointRouteBuilder app, string name, Func<TimerInfo, IServiceProvider, CancellationToken, Task<FunctionResult>> handler) =>
        app.MapPost("/" + name, (Func<HttpContext, Task<IResult>>)(context => InvokeAsync(context, name, (invocation, token) =>
                handler(TimerInfo.Read(invocation.Binding(TimerBinding)), context.RequestServices, token))))
            .WithMetadata(new TriggerFunction(name, "timerTrigger", TimerBinding, null))
            .ExcludeFromDescription();

    public static RouteHandlerBuilder MapQueueFunction<T>(
        this IEndpointRouteBuilder app, string name, string queueName, Func<T, QueueDelivery, IServiceProvider, CancellationToken, Task<FunctionResult>> handler)
        where T : class =>
        app.MapPost("/" + name, (Func<HttpContext, Task<IResult>>)(context => InvokeAsync(context, name, async (invocation, token) =>
            {
                var delivery = new QueueDelivery(invocation.Metadata("Id"), invocation.MetadataInt("DequeueCount") ?? 1, invocation.InvocationId);
                var text = QueueMessageReader.Text(invocation.Binding(QueueBinding));
                var (message, error) = QueueMessageReader.Read<T>(text);
                if (message is not null)
                {
                    return await handler(message, delivery, context.RequestServices, token).ConfigureAwait(false);
                }

                await context.RequestServices.GetRequiredService<PoisonQueue>().SendAsync(queueName, text ?? string.Empty, token).ConfigureAwait(false);
                return FunctionResult.Poisoned($"{name}: message {delivery.MessageId} moved to {queueName}{PoisonQueue.Suffix}: {error}");
            })))
            .WithMetadata(new TriggerFunction(name, "queueTrigger", QueueBinding, queueName))
            .ExcludeFromDescription();

    private static async Task<IResult> InvokeAsync(HttpContext context, string name, Func<Invocation, CancellationToken, Task<FunctionResult>> run)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("ArFunctions.Functions." + name);
        var token = context.RequestAborted;
        using var activity = ArFunctionsTelemetry.Source.StartActivity(name);
        var (invocation, envelopeError) = await Invocation.ReadAsync(context.Request, name, token).ConfigureAwait(false);
        if (invocation is null)
        {
            LogBadEnvelope(logger, name, envelopeError!);
            return Reply(StatusCodes.Status400BadRequest, $"{name}: {envelopeError}");
        }

        activity?.SetTag("faas.invocation_id", invocation.InvocationId);
        FunctionResult result;
        try
        {
            result = await run(invocation, token).ConfigureAwait(false);
        }
        catch (Exception e) when (!token.IsCancellationRequested)
        {
            LogFailed(logger, e, name, invocation.InvocationId);
            result = FunctionResult.Retry($"{name} failed with {e.GetType().Name}; the host will deliver it again");
        }

        switch (result.Status)
        {
            case FunctionStatus.Succeeded:
                LogSucceeded(logger, name, result.Message);
                return Reply(StatusCodes.Status200OK, result.Message);
            case FunctionStatus.Poisoned:
                LogPoisoned(logger, name, result.Message);
                return Reply(StatusCodes.Status200OK, result.Message);
            default:
                activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, result.Message);
                LogRetry(logger, name, result.Message);
                return Reply(StatusCodes.Status503ServiceUnavailable, result.Message);
        }
    }

    private static IResult Reply(int statusCode, string log) =>
        Results.Json(new InvocationResponse { Logs = [log] }, statusCode: statusCode);

    [LoggerMessage(LogLevel.Information, "{Function}: {Result}")]
    private static partial void LogSucceeded(ILogger logger, string function, string result);

    [LoggerMessage(LogLevel.Error, "{Function}: {Result}")]
    private static partial void LogPoisoned(ILogger logger, string function, string result);

    [LoggerMessage(LogLevel.Warning, "{Function}: {Result}")]
    private static partial void LogRetry(ILogger logger, string function, string result);

    [LoggerMessage(LogLevel.Error, "{Function} invocation {InvocationId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function, string? invocationId);

    [LoggerMessage(LogLevel.Error, "{Function}: the host's request was not an invocation: {Error}")]
    private static partial void LogBadEnvelope(ILogger logger, string function, string error);
}
