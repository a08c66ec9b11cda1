using System.Text;
using System.Text.Json;

namespace ArFunctions.FunctionApp.Tests.Infrastructure;

/// <summary>X-MS-CLIENT-PRINCIPAL documents as App Service authentication writes them for an Entra ID user.</summary>
public static class Principals
{
    public const string Header = "X-MS-CLIENT-PRINCIPAL";

    public static string Of(string objectId, string upn, params string[] roles)
    {
        var claims = new List<object>
        {
            new { typ = "http://schemas.microsoft.com/identity/claims/objectidentifier", val = objectId },
            new { typ = "name", val = upn.Split('@')[0] },
            new { typ = "preferred_username", val = upn },
        };
        claims.AddRange(roles.Select(role => new { typ = "roles", val = role }));
        var document = new { auth_typ = "aad", claims, name_typ = "name", role_typ = "roles" };
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(document)));
    }

    public static HttpRequestMessage As(this HttpRequestMessage request, string principal)
    {
        request.Headers.Add(Header, principal);
        return request;
    }
}
