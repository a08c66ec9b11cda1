using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using ArFunctions.Domain.Common;
using Azure.Data.Tables;

namespace ArFunctions.Storage.DailyRuns;

/// <summary>
/// JSON for documents we keep inside entities (shard summaries, ranks, KPI snapshots): web defaults, NaN allowed
/// (features use it for "unknown"), identifiers as plain strings, and gzip into binary properties of at most
/// 64 KiB each so a document up to ~900 KiB fits one entity.
/// </summary>
internal static class StorageJson
{
    private const int ChunkBytes = 60 * 1024;
    private const int MaxChunks = 15;

    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters =
        {
            new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower),
            new StringValueConverter<CustomerId>(v => new CustomerId(v), v => v.Value),
            new StringValueConverter<InvoiceId>(v => new InvoiceId(v), v => v.Value),
            new StringValueConverter<CurrencyCode>(v => new CurrencyCode(v), v => v.Value),
        },
    };

    /// <summary>Writes <paramref name="value"/> compressed into properties d0, d1, ... of <paramref name="entity"/>.</summary>
    public static void Write<T>(TableEntity entity, T value)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            JsonSerializer.Serialize(gzip, value, Options);
        }

        var bytes = buffer.ToArray();
        var chunks = (bytes.Length + ChunkBytes - 1) / ChunkBytes;
        if (chunks > MaxChunks)
        {
            throw new Tables.StorageLimitException(
                $"A {typeof(T).Name} document is {bytes.Length} bytes compressed; an entity holds at most {MaxChunks * ChunkBytes}.");
        }

        entity["chunks"] = chunks;
        for (var i = 0; i < chunks; i++)
        {
            entity["d" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = bytes.AsSpan(i * ChunkBytes, Math.Min(ChunkBytes, bytes.Length - (i * ChunkBytes))).ToArray();
        }
    }

    public static T Read<T>(TableEntity entity)
    {
        var chunks = entity.GetInt32("chunks") ?? throw new InvalidDataException($"{entity.PartitionKey}/{entity.RowKey} has no document.");
        using var compressed = new MemoryStream();
        for (var i = 0; i < chunks; i++)
        {
            var chunk = entity.GetBinary("d" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))
                ?? throw new InvalidDataException($"{entity.PartitionKey}/{entity.RowKey} misses chunk {i}.");
            compressed.Write(chunk);
        }

        compressed.Position = 0;
        using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
        return JsonSerializer.Deserialize<T>(gzip, Options) ?? throw new InvalidDataException($"{entity.PartitionKey}/{entity.RowKey} holds an empty document.");
    }

    private sealed class StringValueConverter<T>(Func<string, T> create, Func<T, string> value) : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            create(reader.GetString() ?? throw new JsonException($"A {typeof(T).Name} must be a string."));

        public override void Write(Utf8JsonWriter writer, T value1, JsonSerializerOptions options) => writer.WriteStringValue(value(value1));

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Read(ref reader, typeToConvert, options);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value1, JsonSerializerOptions options) => writer.WritePropertyName(value(value1));
    }
}
