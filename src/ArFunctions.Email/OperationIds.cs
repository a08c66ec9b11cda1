using System.Security.Cryptography;
using System.Text;

namespace ArFunctions.Email;

/// <summary>
/// The ACS Operation-Id of an action's email: a name-based UUID version 8 (RFC 9562, section B.2): the first 16 bytes
/// of SHA-256 over a fixed namespace UUID followed by the UTF-8 action id, with the version and variant bits set.
/// The same action id always names the same operation, so a resend is recognisable to the service and the operation
/// can be looked up (<c>GET /emails/operations/{id}</c>) before a retry.
/// </summary>
public static class OperationIds
{
    /// <summary>Namespace of ArFunctions email operations (a random v4 UUID fixed forever: changing it re-sends everything in flight).</summary>
    public static readonly Guid Namespace = new("6d1c7f3e-3b5a-4f0e-9a51-2c8e7d4b9f10");

    /// <summary>Namespace of the Repeatability-Request-ID of an action's send (a second fixed v4 UUID).</summary>
    public static readonly Guid RepeatabilityNamespace = new("b2f4a9d0-57c1-4e8a-8d3f-6a1e0c9b7d25");

    public static Guid ForAction(string actionId) => NameBased(Namespace, actionId);

    /// <summary>The Repeatability-Request-ID of every send of the action's email: the same action, the same id, on every retry.</summary>
    public static Guid RepeatabilityFor(string actionId) => NameBased(RepeatabilityNamespace, actionId);

    private static Guid NameBased(Guid space, string value)
    {
        var name = Encoding.UTF8.GetBytes(value);
        var input = new byte[16 + name.Length];
        space.TryWriteBytes(input, bigEndian: true, out _);
        name.CopyTo(input, 16);
        var hash = SHA256.HashData(input);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
