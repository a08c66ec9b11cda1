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

    /// <summary>A machine (an ERP sync, a scheduler) that the Functions host let in with a function key, on the admin and intake routes only.</summary>
    Machine,

    /// <summary>Someone with the storage account itself: the <c>ar</c> command line on their own machine.</summary>
    Local,
}

/// <summary>
/// Who is calling, as far as the app can trust it: a person the platform signed in (object id, name, app roles), a
/// machine holding a function key, the local command line, or nobody. A person is built only from what the platform
/// asserts, never from a header or query value the caller chose.
/// </summary>
public sealed record Caller(CallerKind Kind, string Id, string Name, string? IdentityProvider, IReadOnlySet<Role> Roles)
{
    public static Caller Anonymous { get; } = new(CallerKind.Anonymous, string.Empty, string.Empty, null, new HashSet<Role>());

    public bool IsSignedIn => Kind == CallerKind.Person;

    /// <summary>
    /// What a write records as its author: <c>name (object id)</c> for a person, <c>key:&lt;name&gt;</c> for a machine,
    /// <c>local:&lt;name&gt;</c> for the command line; null for nobody (who may write nothing).
    /// </summary>
    public string? AuditName => Kind switch
    {
        CallerKind.Person => $"{Name} ({Id})",
        CallerKind.Machine => "key:" + Name,
        CallerKind.Local => "local:" + Name,
        _ => null,
    };

    public static Caller Person(string objectId, string name, string? identityProvider, IEnumerable<Role> roles)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(objectId);
        return new Caller(CallerKind.Person, objectId, string.IsNullOrWhiteSpace(name) ? objectId : name, identityProvider, roles.ToHashSet());
    }

    /// <summary>A caller the Functions host let in with a function key; <paramref name="name"/> labels it in the audit.</summary>
    public static Caller Machine(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new Caller(CallerKind.Machine, name, name, null, new HashSet<Role>());
    }

    /// <summary>The command line, run by <paramref name="name"/> (the operating-system user) against the storage account.</summary>
    public static Caller Local(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new Caller(CallerKind.Local, name, name, null, new HashSet<Role>());
    }
}
