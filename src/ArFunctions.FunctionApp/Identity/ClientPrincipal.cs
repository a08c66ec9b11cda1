using System.Text;
using System.Text.Json;
using ArFunctions.Application.Access;

namespace ArFunctions.FunctionApp.Identity;

/// <summary>
/// The <c>X-MS-CLIENT-PRINCIPAL</c> header App Service authentication sets for a signed-in user: base64 of a JSON
/// document <c>{auth_typ, claims: [{typ, val}], name_typ, role_typ}</c>. Entra ID app roles arrive as <c>roles</c>
/// claims (or claims of <c>role_typ</c>), the object id as <c>oid</c> or its long URI form.
/// </summary>
internal static class ClientPrincipal
{
    public const string Header = "X-MS-CLIENT-PRINCIPAL";

    private const string ObjectIdUri = "http://schemas.microsoft.com/identity/claims/objectidentifier";

    /// <summary>At most this many bytes of header are decoded: a real principal is a few KiB.</summary>
    private const int MaxLength = 32 * 1024;

    /// <summary>The person the header describes, or why it cannot be read (never quoting it).</summary>
    public static (Caller? Caller, string? Error) Decode(string header)
    {
        if (header.Length > MaxLength)
        {
            return (null, "the client principal is too long");
        }

        var bytes = new byte[header.Length];
        if (!Convert.TryFromBase64String(header.Trim(), bytes, out var written))
        {
            return (null, "the client principal is not base64");
        }

        try
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(bytes, 0, written));
            return Read(document.RootElement);
        }
        catch (JsonException)
        {
            return (null, "the client principal is not a JSON document");
        }
    }

    private static (Caller? Caller, string? Error) Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array)
        {
            return (null, "the client principal has no claims");
        }

        var nameType = Text(root, "name_typ") ?? "name";
        var roleType = Text(root, "role_typ") ?? "roles";
        string? objectId = null, name = null, preferredName = null;
        var roles = new HashSet<Role>();
        foreach (var claim in claims.EnumerateArray())
        {
            var (type, value) = (Text(claim, "typ"), Text(claim, "val"));
            if (type is null || value is null)
            {
                return (null, "a claim of the client principal has no typ or val");
            }

            if (type is "oid" or ObjectIdUri)
            {
                objectId = value;
            }
            else if (type == nameType)
            {
                name = value;
            }
            else if (type == "preferred_username")
            {
                preferredName = value;
            }

            if ((type == roleType || type == "roles") && Enum.TryParse<Role>(value, ignoreCase: false, out var role) && Enum.IsDefined(role))
            {
                roles.Add(role);
            }
        }

        return objectId is null
            ? (null, "the client principal has no object id (oid) claim")
            : (Caller.Person(objectId, preferredName ?? name ?? objectId, Text(root, "auth_typ"), roles), null);
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
