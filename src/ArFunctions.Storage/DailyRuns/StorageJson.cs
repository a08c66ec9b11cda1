using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using ArFunctions.Domain.Common;
using Azure.Data.Tables;

namespace ArFunctions.Storage.DailyRuns;

/// <summary>
/// JSON for documents we keep inside entities (shard summaries, ranks, KPI snapshots): web defaults, NaN allowed
/// (features use it for "unknown"), identifiers as plain strings, and gzip into binary properties of at most
/// 64 KiB each so a document up to ~900 KiB fits one entity (a larger one goes over several rows: <see cref="DocumentRows"/>).
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

    /// <summary>The most compressed bytes one entity holds (<see cref="Write{T}"/>); <see cref="DocumentRows"/> spreads larger documents over rows.</summary>
    private const int MaxEntityBytes = MaxChunks * ChunkBytes;

    /// <summary>Writes <paramref name="value"/> compressed into properties d0, d1, ... of <paramref name="entity"/>.</summary>
    public static void Write<T>(TableEntity entity, T value)
    {
        var bytes = Compress(value);
        if (bytes.Length > MaxEntityBytes)
        {
            throw new Tables.StorageLimitException(
                $"A {typeof(T).Name} document is {bytes.Length} bytes compressed; an entity holds at most {MaxEntityBytes}.");
        }

        WriteChunks(entity, bytes);
    }

    public static T Read<T>(TableEntity entity) => Decompress<T>(entity, ReadChunks(entity));

    /// <summary><paramref name="value"/> as gzipped JSON.</summary>
    public static byte[] Compress<T>(T value)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            JsonSerializer.Serialize(gzip, value, Options);
        }

        return buffer.ToArray();
    }

    /// <summary>The document in <paramref name="compressed"/> (read from <paramref name="entity"/>, named in errors).</summary>
    public static T Decompress<T>(TableEntity entity, byte[] compressed)
    {
        using var stream = new MemoryStream(compressed);
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        return JsonSerializer.Deserialize<T>(gzip, Options) ?? throw new InvalidDataException($"{entity.PartitionKey}/{entity.RowKey} holds an empty document.");
    }

    /// <summary>Puts <paramref name="bytes"/> (at most <see cref="MaxEntityBytes"/>) into properties d0, d1, ... and their count into "chunks".</summary>
    public static void WriteChunks(TableEntity entity, ReadOnlySpan<byte> bytes)
    {
        var chunks = (bytes.Length + ChunkBytes - 1) / ChunkBytes;
        entity["chunks"] = chunks;
        for (var i = 0; i < chunks; i++)
        {
            entity["d" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = bytes.Slice(i * ChunkBytes, Math.Min(ChunkBytes, bytes.Length - (i * ChunkBytes))).ToArray();
        }
    }

    /// <summary>The bytes <see cref="WriteChunks"/> put into <paramref name="entity"/>.</summary>
    public static byte[] ReadChunks(TableEntity entity)
    {
        var chunks = entity.GetInt32("chunks") ?? throw new InvalidDataException($"{entity.PartitionKey}/{entity.RowKey} has no document.");
        using var compressed = new MemoryStream();
        for (var i = 0; i < chunks; i++)
        {
            var chunk = entity.GetBinary("d" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))
                ?? throw new InvalidDataException($"{entity.PartitionKey}/{entity.RowKey} misses chunk {i}.");
            compressed.Write(chunk);
        }

        return compressed.ToArray();
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
