using System.Globalization;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;

namespace ArFunctions.FunctionApp.Functions;

/// <summary>A queue message as the host delivered it: its id and how many times it has been dequeued (1 the first time).</summary>
public sealed record QueueDelivery(string? MessageId, int DequeueCount)
{
    /// <summary>Reads the queue trigger's metadata; the host sends numbers as JSON, some tools as strings.</summary>
    public static QueueDelivery Of(FunctionContext context)
    {
        var data = context.BindingContext.BindingData;
        return new QueueDelivery(Text(data.GetValueOrDefault("Id")), Number(data.GetValueOrDefault("DequeueCount")) ?? 1);
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        string text => text.Trim('"'),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static int? Number(object? value) => value switch
    {
        int number => number,
        long number => (int)number,
        JsonElement { ValueKind: JsonValueKind.Number } number => number.GetInt32(),
        _ => int.TryParse(Text(value), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null,
    };
}

/// <summary>
/// Thrown by a queue function when trying again later can help (storage or a dependency did not answer): the host then
/// makes the message visible again after its visibility timeout and, after maxDequeueCount tries, moves it to poison.
/// </summary>
public sealed class RetryLaterException(string message) : Exception(message);
