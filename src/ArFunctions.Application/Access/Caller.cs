namespace ArFunctions.Application.Access;

/// <summary>The app roles of the Entra ID registration, as they arrive in a signed-in person's <c>roles</c> claims.</summary>
public enum Role
{
    Collector,
    Lead,
    Admin,
}

public enum CallerKind
{
    /// <summary>No identity the app can trust.</summary>
    Anonymous,

    /// <summary>A person signed in through the platform (App Service authentication with Entra ID).</summary>
    Person,
}

/// <summary>
/// Who is calling, as far as the app can trust it: a person the platform signed in (object id, name, app roles), or
/// nobody. Built only from what the platform asserts, never from a header or query value the caller chose.
/// </summary>
public sealed record Caller(CallerKind Kind, string Id, string Name, string? IdentityProvider, IReadOnlySet<Role> Roles)
{
    public static Caller Anonymous { get; } = new(CallerKind.Anonymous, string.Empty, string.Empty, null, new HashSet<Role>());

    public bool IsSignedIn => Kind == CallerKind.Person;

    /// <summary>What a write records as its author: the person's name and object id.</summary>
    public string? AuditName => Kind == CallerKind.Person ? $"{Name} ({Id})" : null;

    public static Caller Person(string objectId, string name, string? identityProvider, IEnumerable<Role> roles)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(objectId);
        return new Caller(CallerKind.Person, objectId, string.IsNullOrWhiteSpace(name) ? objectId : name, identityProvider, roles.ToHashSet());
    }
}
