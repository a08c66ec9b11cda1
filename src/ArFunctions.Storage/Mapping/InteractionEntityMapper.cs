using System.Globalization;
using System.IO.Hashing;
using System.Text;
using Azure.Data.Tables;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;

namespace ArFunctions.Storage.Mapping;

/// <summary>
/// Interaction rows: PartitionKey = the customer's shard, RowKey = "customerId|yyyyMMdd|fingerprint-occurrence", so a
/// customer's history is one range in date order. The interaction has no id of its own, so the key is derived from
/// its content: the fingerprint is XxHash64 of kind, outcome, note and source (when there is one, so rows written before sources existed keep their keys); the occurrence tells apart identical
/// interactions of one customer-day written together. Writing the same interaction again replaces its row.
/// </summary>
public static class InteractionEntityMapper
{
    public const int MaxOccurrence = 999;

    public static string RowKey(Interaction interaction, int occurrence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(occurrence);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(occurrence, MaxOccurrence);
        return CompositeKey.Join(
            interaction.CustomerId.Value,
            interaction.Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
            Fingerprint(interaction) + "-" + occurrence.ToString("D3", CultureInfo.InvariantCulture));
    }

    public static TableEntity ToEntity(Interaction interaction, int occurrence, string partitionKey) =>
        new(partitionKey, RowKey(interaction, occurrence))
        {
            ["customerId"] = interaction.CustomerId.Value,
            ["date"] = EntityValues.FromDate(interaction.Date),
            ["kind"] = KebabName<InteractionKind>.Format(interaction.Kind),
            ["outcome"] = KebabName<InteractionOutcome>.Format(interaction.Outcome),
            ["note"] = interaction.Note,
            ["recordedBy"] = interaction.RecordedBy,
            ["source"] = interaction.Source,
        };

    public static Interaction FromEntity(TableEntity entity) => new(
        EntityValues.RequiredCustomerId(entity, "customerId"),
        EntityValues.RequiredDate(entity, "date"),
        EntityValues.RequiredEnum<InteractionKind>(entity, "kind"),
        EntityValues.RequiredEnum<InteractionOutcome>(entity, "outcome"),
        entity.GetString("note"),
        entity.GetString("recordedBy"),
        entity.GetString("source"));

    private static string Fingerprint(Interaction interaction)
    {
        // A null note and an empty note differ: the leading flag keeps them apart.
        var text = KebabName<InteractionKind>.Format(interaction.Kind) + "\n"
            + KebabName<InteractionOutcome>.Format(interaction.Outcome) + "\n"
            + (interaction.Note is null ? "0" : "1" + interaction.Note)
            + (interaction.Source is null ? "" : "\n" + interaction.Source);
        return XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(text)).ToString("x16", CultureInfo.InvariantCulture);
    }
}
