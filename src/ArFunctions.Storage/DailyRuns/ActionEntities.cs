using System.Text.Json;
using ArFunctions.Application.Emails;
using ArFunctions.Application.Ports;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Strategies;
using ArFunctions.Storage.Mapping;
using Azure.Data.Tables;

namespace ArFunctions.Storage.DailyRuns;

/// <summary>A stored action (PK shard, RK action id): what to do, for whom, covering which invoices and steps, how far it got, and (emails) the latest delivery report.</summary>
public sealed record StoredAction(
    string ActionId,
    DateOnly AsOf,
    ActionKind Kind,
    CustomerId CustomerId,
    string? Template,
    string? ContactName,
    ContactRole? ContactRole,
    string? AssignTo,
    IReadOnlyList<string> Invoices,
    IReadOnlyList<string> Steps,
    ActionStatus Status,
    string? StatusReason = null,
    DateTimeOffset? CompletedAt = null,
    ActionClaim? Claim = null,
    string? ETag = null,
    ActionDelivery? Delivery = null);

internal static class ActionEntities
{
    public static TableEntity ToEntity(string partitionKey, DateOnly asOf, PlannedAction action, ActionStatus status) => new(partitionKey, action.ActionId)
    {
        ["asOf"] = EntityValues.FromDate(asOf),
        ["kind"] = KebabName<ActionKind>.Format(action.Kind),
        ["customerId"] = action.CustomerId.Value,
        ["template"] = action.Template,
        ["contactName"] = action.Contact?.Name,
        ["contactRole"] = action.Contact is { } contact ? KebabName<ContactRole>.Format(contact.Role) : null,
        ["assignTo"] = action.AssignTo,
        ["invoices"] = JsonSerializer.Serialize(action.Invoices.Select(i => i.Value)),
        ["steps"] = JsonSerializer.Serialize(action.Steps.Select(s => s.RowKey)),
        ["status"] = KebabName<ActionStatus>.Format(status),
    };

    public static StoredAction FromEntity(TableEntity entity) => new(
        entity.RowKey,
        EntityValues.RequiredDate(entity, "asOf"),
        EntityValues.RequiredEnum<ActionKind>(entity, "kind"),
        EntityValues.RequiredCustomerId(entity, "customerId"),
        entity.GetString("template"),
        entity.GetString("contactName"),
        entity.GetString("contactRole") is { } role ? KebabName<ContactRole>.Parse(role) : null,
        entity.GetString("assignTo"),
        JsonSerializer.Deserialize<string[]>(EntityValues.RequiredString(entity, "invoices")) ?? [],
        JsonSerializer.Deserialize<string[]>(EntityValues.RequiredString(entity, "steps")) ?? [],
        EntityValues.RequiredEnum<ActionStatus>(entity, "status"),
        entity.GetString("statusReason"),
        entity.GetDateTimeOffset("completedAt"),
        ClaimOf(entity),
        entity.ETag.ToString(),
        Emails.TableDeliveryReportStore.DeliveryOf(entity));

    /// <summary>The handler's claim fields: when the current claim was taken and when the first attempt was made.</summary>
    public static void WriteClaim(TableEntity patch, ActionClaim claim)
    {
        patch["claimedAt"] = claim.ClaimedAt;
        patch["firstAttemptAt"] = claim.FirstAttemptAt;
    }

    private static ActionClaim? ClaimOf(TableEntity entity) =>
        entity.GetDateTimeOffset("claimedAt") is { } claimedAt
            ? new ActionClaim(claimedAt, entity.GetDateTimeOffset("firstAttemptAt") ?? claimedAt)
            : null;

}
