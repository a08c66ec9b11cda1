using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace ArFunctions.Application;

/// <summary>
/// Whether a JSON body can be read as text at all: valid UTF-8 throughout, and no string whose escapes decode to
/// something that is not text (a lone surrogate such as <c>\ud800</c>, which UTF-8 cannot carry and every later
/// reader, serializer and store refuses). Syntax is left to the body's own parser, which names where it broke.
/// </summary>
public static class JsonText
{
    /// <summary>Why the body cannot be decoded, or null when it can (or when it is not JSON, which its parser reports).</summary>
    public static string? FindUndecodable(ReadOnlySpan<byte> utf8)
    {
        if (!Utf8.IsValid(utf8))
        {
            return "body: is not valid UTF-8";
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 256 });
        char[]? rented = null;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped && !Decodes(ref reader, ref rented))
                {
                    return $"body: the string at byte {reader.TokenStartIndex} escapes a lone surrogate or other non-text (\\ud800-\\udfff must come in pairs)";
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private static bool Decodes(ref Utf8JsonReader reader, ref char[]? rented)
    {
        // A value's UTF-16 length never exceeds its escaped UTF-8 length.
        var length = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        if (rented is null || rented.Length < length)
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }

            rented = ArrayPool<char>.Shared.Rent(Math.Max(length, 256));
        }

        try
        {
            reader.CopyString(rented);
            return true;
        }
        catch (InvalidOperationException)
        {
            // The reader's own verdict on an escape sequence that does not decode to text.
            return false;
        }
    }
}
