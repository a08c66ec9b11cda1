using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace ArFunctions.Domain.Features;

/// <summary>
/// A cheap, non-cryptographic hash of an identifier for the per-customer indexes of payments and ledger entries.
/// Length and the last eight characters: ids of one customer tend to differ at the end. Read as two 64-bit words and
/// mixed with one multiplication (whose high half depends on every bit), it costs a few instructions, where a loop
/// over the characters cost a seventh of the planner's time. Not stable across versions: never persist it.
/// </summary>
internal static class IdHash
{
    public static int Of(string? id)
    {
        var chars = id.AsSpan();
        var tail = MemoryMarshal.AsBytes(chars[Math.Max(0, chars.Length - 8)..]);
        ulong low = 0;
        ulong high = 0;
        if (tail.Length == 16)
        {
            low = BinaryPrimitives.ReadUInt64LittleEndian(tail);
            high = BinaryPrimitives.ReadUInt64LittleEndian(tail[8..]);
        }
        else
        {
            foreach (var c in chars)
            {
                low = (low << 8) ^ (low >> 56) ^ c;
            }
        }

        var mixed = (low ^ BitOperations.RotateLeft(high, 32)) * 0x9E3779B97F4A7C15ul;
        return (int)(mixed >> 32) ^ chars.Length;
    }

    /// <summary>Buckets for a chained index of <paramref name="entries"/> entries: a power of two, at least twice as many.</summary>
    public static int BucketCount(int entries) => entries == 0 ? 0 : (int)BitOperations.RoundUpToPowerOf2((uint)entries * 2);
}
