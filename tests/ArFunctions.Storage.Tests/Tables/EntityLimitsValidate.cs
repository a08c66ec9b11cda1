using ArFunctions.Storage.Tables;
using Azure.Data.Tables;

namespace ArFunctions.Storage.Tests.Tables;

public class EntityLimitsValidate
{
    [Fact]
    public void AcceptsTheLargestAllowedEntityGivenValuesAtEachLimit()
    {
        var entity = WithProperties(EntityLimits.MaxCustomProperties);
        entity["p0"] = new string('x', EntityLimits.MaxStringChars);

        EntityLimits.Validate(entity);
    }

    [Fact]
    public void ThrowsNamingTheKeysGivenMoreThan252Properties()
    {
        var error = Assert.Throws<StorageLimitException>(() => EntityLimits.Validate(WithProperties(253)));

        Assert.Equal("s0001", error.PartitionKey);
        Assert.Equal("C1|I1", error.RowKey);
        Assert.Contains("(PartitionKey 's0001', RowKey 'C1|I1')", error.Message, StringComparison.Ordinal);
        Assert.Contains("253 properties; at most 252", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IgnoresNullPropertiesGivenMoreThan252NamesOfWhichSomeAreNull()
    {
        var entity = WithProperties(252);
        entity["extra"] = null;

        EntityLimits.Validate(entity);
    }

    [Fact]
    public void ThrowsGivenAStringOver32KCharacters()
    {
        var entity = WithProperties(1);
        entity["note"] = new string('x', EntityLimits.MaxStringChars + 1);

        var error = Assert.Throws<StorageLimitException>(() => EntityLimits.Validate(entity));

        Assert.Contains("property 'note' holds 32769 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThrowsGivenAnEntityOverOneMiB()
    {
        // 17 strings of 32K characters: each within the string limit, together about 1.06 MiB in UTF-16.
        var entity = WithProperties(0);
        for (var i = 0; i < 17; i++)
        {
            entity[$"chunk{i}"] = new string('x', EntityLimits.MaxStringChars);
        }

        var error = Assert.Throws<StorageLimitException>(() => EntityLimits.Validate(entity));

        Assert.Contains("at most 1048576 (1 MiB)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThrowsGivenABinaryValueOver64KiB()
    {
        var entity = WithProperties(0);
        entity["blob"] = new byte[EntityLimits.MaxBinaryBytes + 1];

        Assert.Throws<StorageLimitException>(() => EntityLimits.Validate(entity));
    }

    [Theory]
    [InlineData("a/b", "must not contain '/'")]
    [InlineData("a#b", "must not contain '#'")]
    [InlineData("a?b", "must not contain '?'")]
    [InlineData("a\\b", "must not contain '\\'")]
    [InlineData("a\u0001b", "must not contain '\\u0001'")]
    [InlineData("", "must not be empty")]
    public void ThrowsGivenAnInvalidRowKey(string rowKey, string problem)
    {
        var entity = new TableEntity("s0001", rowKey);

        var error = Assert.Throws<StorageLimitException>(() => EntityLimits.Validate(entity));

        Assert.Contains("RowKey " + problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThrowsGivenAPartitionKeyOverOneKiB()
    {
        var entity = new TableEntity(new string('k', EntityLimits.MaxKeyChars + 1), "r");

        var error = Assert.Throws<StorageLimitException>(() => EntityLimits.Validate(entity));

        Assert.Contains("PartitionKey has 513 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AcceptsTheSeparatorGivenACompositeRowKey()
    {
        EntityLimits.Validate(new TableEntity("s0001", "C1|2026|v1|step-3"));
    }

    [Fact]
    public void ChecksTypedEntitiesGivenAClassWithProperties()
    {
        var entity = new TypedEntity { PartitionKey = "s0001", RowKey = "r", Note = new string('x', EntityLimits.MaxStringChars + 1) };

        var error = Assert.Throws<StorageLimitException>(() => EntityLimits.Validate(entity));

        Assert.Contains("property 'Note'", error.Message, StringComparison.Ordinal);
    }

    internal static TableEntity WithProperties(int count, string partitionKey = "s0001", string rowKey = "C1|I1")
    {
        var entity = new TableEntity(partitionKey, rowKey);
        for (var i = 0; i < count; i++)
        {
            entity[$"p{i}"] = i;
        }

        return entity;
    }

    private sealed class TypedEntity : ITableEntity
    {
        public string PartitionKey { get; set; } = "";

        public string RowKey { get; set; } = "";

        public DateTimeOffset? Timestamp { get; set; }

        public Azure.ETag ETag { get; set; }

        public string Note { get; set; } = "";
    }
}
