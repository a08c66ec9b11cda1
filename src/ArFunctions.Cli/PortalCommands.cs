using System.CommandLine;
using ArFunctions.Application.Access;
using ArFunctions.Application.Portal;
using Spectre.Console;

namespace ArFunctions.Cli;

/// <summary>
/// <c>arfn portal link CUSTOMER [--contact EMAIL]</c> prints a new link to the customer's page;
/// <c>arfn portal revoke CUSTOMER [--link ID]</c> revokes one link, or every link of the customer sent so far.
/// </summary>
internal static class PortalCommands
{
    public static Command Create() => new("portal", "The customer page's personal links (docs/portal.md).") { CreateLink(), CreateRevoke() };

    private static Command CreateLink()
    {
        var customer = new Argument<string>("customer") { Description = "The customer id." };
        var contact = new Option<string?>("--contact") { Description = "The contact's email address; default the customer's first contact with one." };
        var storage = new StorageArgs();
        var command = new Command("link", "Print a new link to the customer's page, signed like the links in emails and valid for the policy's portal.linkDays.") { customer, contact };
        storage.AddTo(command);
        command.SetAction(async (parse, token) =>
        {
            await using var pipeline = await storage.OpenAsync(parse);
            if (pipeline is null || !await PolicyInForce.RequireAsync(pipeline, PolicyInForce.ImportExample, token))
            {
                return 2;
            }

            var result = await pipeline.Get<PortalLinkAdmin>().IssueAsync(parse.GetValue(customer)!, parse.GetValue(contact), token);
            if (result.Link is not { } link)
            {
                return Fail(result);
            }

            // The link alone on stdout, so that scripts can take it; the rest on the terminal's other stream.
            Console.Out.WriteLine(link.Url);
            Console.Error.WriteLine($"Link {link.LinkId} for {result.Contact}, expires {link.Expires:yyyy-MM-dd HH:mm} UTC; revoke with: arfn portal revoke {parse.GetValue(customer)} --link {link.LinkId}");
            return 0;
        });
        return command;
    }

    private static Command CreateRevoke()
    {
        var customer = new Argument<string>("customer") { Description = "The customer id." };
        var link = new Option<string?>("--link") { Description = "The link id to revoke; without it, every link of the customer sent so far." };
        var storage = new StorageArgs();
        var command = new Command("revoke", "Revoke one link, or every link of a customer sent so far (links sent later open again).") { customer, link };
        storage.AddTo(command);
        command.SetAction(async (parse, token) =>
        {
            await using var pipeline = await storage.OpenAsync(parse);
            if (pipeline is null)
            {
                return 2;
            }

            var id = parse.GetValue(customer)!;
            var linkId = parse.GetValue(link);
            var result = await pipeline.Get<PortalLinkAdmin>().RevokeAsync(id, linkId, Caller.Local(Environment.UserName).AuditName ?? Environment.UserName, token);
            if (!result.Succeeded)
            {
                return Fail(result);
            }

            AnsiConsole.MarkupLineInterpolated($"Revoked {(linkId is null ? $"every link of {id} sent so far" : $"link {linkId} of {id}")}: it now shows a page that says so and holds no data.");
            return 0;
        });
        return command;
    }

    private static int Fail(PortalAdminResult result)
    {
        AnsiConsole.MarkupLineInterpolated($"[red]{result.Error}[/] Nothing was written.");
        return 1;
    }
}
