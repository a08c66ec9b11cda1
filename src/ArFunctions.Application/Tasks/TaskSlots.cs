using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ArFunctions.Domain.Common;

namespace ArFunctions.Application.Tasks;

/// <summary>
/// Slots and ids of tasks. A slot names the one open task a customer may have for a purpose: <see cref="Collector"/>
/// for calls and letters, <c>kind-assignee</c> for internal tasks. A task id is the customer's shard and a hash of the
/// customer, slot and the first thing the task absorbed, so a retried creation yields the same id.
/// </summary>
public static class TaskSlots
{
    public const string Collector = "collector";

    /// <summary>The customer's one open "fix the contact" task (<see cref="TaskKind.FixContact"/>), whoever works it.</summary>
    public const string FixContact = "fix-contact";

    /// <summary>The customer's requests from the customer page, for its collector (<see cref="TaskKind.Request"/>).</summary>
    public const string Request = "request";

    public static string Internal(TaskKind kind, string assignee) =>
        KebabName<TaskKind>.Format(kind) + "-" + (IsPlain(assignee) ? assignee : Hash(assignee));

    /// <summary><c>dddd-</c> and 16 hex digits: URL-safe and key-safe.</summary>
    public static string NewTaskId(int shard, string customerId, string slot, string firstAbsorbed) =>
        shard.ToString("D4", CultureInfo.InvariantCulture) + "-" + Hash(customerId + "\n" + slot + "\n" + firstAbsorbed);

    /// <summary>The shard a task id names, or null when the text is not a task id.</summary>
    public static int? ShardOf(string? taskId)
    {
        if (taskId is not { Length: 21 } || taskId[4] != '-')
        {
            return null;
        }

        for (var i = 0; i < taskId.Length; i++)
        {
            var c = taskId[i];
            var ok = i < 4 ? char.IsAsciiDigit(c) : i == 4 || char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c);
            if (!ok)
            {
                return null;
            }
        }

        return int.Parse(taskId.AsSpan(0, 4), CultureInfo.InvariantCulture);
    }

    private static bool IsPlain(string value) =>
        value.Length is > 0 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 8));
}
