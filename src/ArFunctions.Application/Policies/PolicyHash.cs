using System.Security.Cryptography;
using System.Text;

namespace ArFunctions.Application.Policies;

/// <summary>
/// The content hash of a policy document: <c>sha256:</c> and the lower-case hex SHA-256 of its UTF-8 text, exactly as
/// submitted. Putting back a document fetched unchanged gives the same hash; any edit, even to whitespace, does not.
/// </summary>
public static class PolicyHash
{
    public static string Of(string document) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document)));
}
