using System.Text.RegularExpressions;
using ArFunctions.Application.Access;
using ArFunctions.Application.Queries;
using ArFunctions.FunctionApp.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Options;

namespace ArFunctions.FunctionApp.Identity;

/// <summary>
/// The one place that decides, before an HTTP function runs, whether its caller may call it at all, by the function's
/// <see cref="CallersAttribute"/>: people routes need a trusted signed-in person with one of the roles (401 with where
/// to sign in, or 403); machine routes (the host already checked the function key) take a signed-in person only with
/// one of the roles, and otherwise a machine named by <see cref="MachineNameHeader"/>; public routes anyone. What the
/// gate established is what <see cref="CallerSource.Of"/> answers inside the function, so a function never reads
/// identity headers itself. Finer rules (a collector's own list, own tasks) are <see cref="AccessRules"/>' job.
/// </summary>
internal sealed partial class CallerGate(HttpAudiences audiences, CallerSource callers, IOptions<IdentityOptions> options) : IFunctionsWorkerMiddleware
{
    /// <summary>The name a machine caller gives itself for the audit (<c>key:&lt;name&gt;</c>); "unnamed" when absent.</summary>
    public const string MachineNameHeader = "X-AR-Client";

    /// <summary>Where the platform's Entra ID sign-in starts, returning to the collector page.</summary>
    public const string SignInPath = "/.auth/login/aad?post_login_redirect_uri=/api/app/";

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is not { } http || audiences.For(context.FunctionDefinition.Name) is not { } declared)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var (caller, refused) = Admit(http.Request, declared);
        if (refused is not null)
        {
            context.GetInvocationResult().Value = Problems.For(refused).ToAction();
            return;
        }

        CallerSource.Remember(http, caller);
        await next(context).ConfigureAwait(false);
    }

    private (Caller Caller, Failure? Refused) Admit(HttpRequest request, CallersAttribute declared)
    {
        var (person, unreadable) = callers.Read(request);
        if (unreadable is not null)
        {
            return (person, declared.Audience == Audience.Public ? null : unreadable);
        }

        return declared.Audience switch
        {
            Audience.People when !person.IsSignedIn => (person, SignInRequired()),
            Audience.People or Audience.Machines when person.IsSignedIn => (person, RoleCheck(person, declared.Roles)),
            Audience.Machines => MachineOf(request),
            _ => (person, null),
        };
    }

    private Failure SignInRequired() => Failure.Unauthorized(callers.TrustsPrincipals
        ? "Sign in with your work account first; a function key does not stand in for a person here."
        : "Sign-in is not enabled for this app (App Service authentication is off), so no person can be identified; a function key does not stand in for one.")
        with
        {
            Extensions = new Dictionary<string, object?>
            {
                ["signIn"] = SignInPath,
                ["developmentSignIn"] = options.Value.DevelopmentPrincipals,
            },
        };

    private static Failure? RoleCheck(Caller person, IReadOnlyList<Role> roles) =>
        roles.Count == 0 || roles.Any(person.Roles.Contains)
            ? null
            : Failure.Forbidden($"Signed in as {Failure.Quote(person.Name)}: this needs the role {string.Join(" or ", roles)}, and yours are {(person.Roles.Count == 0 ? "none" : string.Join(", ", person.Roles.Order()))}.");

    private static (Caller, Failure?) MachineOf(HttpRequest request)
    {
        var name = request.Headers[MachineNameHeader].ToString();
        if (name.Length == 0)
        {
            return (Caller.Machine("unnamed"), null);
        }

        return MachineName().IsMatch(name)
            ? (Caller.Machine(name), null)
            : (Caller.Anonymous, Failure.Invalid(
                $"{MachineNameHeader} names the calling system for the audit.",
                [new FieldError(MachineNameHeader, "use 1 to 64 letters, digits, '.', '_' or '-'")]));
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex MachineName();
}
