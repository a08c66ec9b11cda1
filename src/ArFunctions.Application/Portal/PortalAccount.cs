using ArFunctions.Application.Ports;
using ArFunctions.Application.Queries;
using ArFunctions.Application.Statements;
using ArFunctions.Domain.Policies;
using ArFunctions.Domain.Portal;

namespace ArFunctions.Application.Portal;

/// <summary>
/// What the customer page shows: the account's open invoices and the balance due per currency, as of today, and
/// nothing internal (no segment, notes, collector or who recorded what). The statement's numbers, so the page and the
/// PDF never disagree.
/// </summary>
public sealed record PortalAccount(
    string CustomerName,
    DateOnly AsOf,
    string Locale,
    string Contact,
    DateTimeOffset LinkExpires,
    IReadOnlyList<PortalInvoice> Invoices,
    IReadOnlyList<PortalTotal> Totals)
{
    /// <summary>The reasons a customer may give for a dispute (the policy's categories, without their internal owners).</summary>
    public IReadOnlyList<PortalDisputeCategory> DisputeCategories { get; init; } = [];

    /// <summary>Which promises the page accepts at once (policy <c>portal.promises</c>); any other becomes a request.</summary>
    public PortalPromiseSettings? PromiseLimits { get; init; }
}

/// <summary>A dispute reason as the customer sees it: the category id and the policy's description of it.</summary>
public sealed record PortalDisputeCategory(string Id, string? Description);

/// <summary>
/// One open invoice: <see cref="OpenAmount"/> is what is left to pay (after credits), <see cref="Status"/> one of
/// due, overdue, disputed, under-promise; <see cref="PaymentLink"/> where to pay it online (https), or null.
/// </summary>
public sealed record PortalInvoice(
    string Id,
    DateOnly IssueDate,
    DateOnly DueDate,
    decimal Amount,
    decimal OpenAmount,
    string Currency,
    string Status,
    int DaysPastDue,
    DateOnly? PromisedDate,
    decimal? PromisedAmount,
    string? PaymentLink = null);

public sealed record PortalTotal(string Currency, decimal BalanceDue);

/// <summary>The account and the statement as the link's customer sees them; nothing for any other customer.</summary>
public sealed class PortalAccountQuery(CustomerStatement statements, IPolicySource policies)
{
    public async Task<QueryResult<PortalAccount>> GetAsync(PortalLinkPayload link, CancellationToken cancellationToken)
    {
        var result = await statements.GetAsync(link.CustomerId.Value, null, cancellationToken).ConfigureAwait(false);
        var policy = await policies.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        if (result.Value is not { } statement)
        {
            return QueryResult<PortalAccount>.NotFound("This account has nothing to show.");
        }

        return QueryResult<PortalAccount>.Ok(new PortalAccount(
            statement.Customer.Name,
            statement.AsOf,
            statement.Locale,
            link.Contact,
            link.Expires,
            [.. statement.OpenItems.Select(item => new PortalInvoice(
                item.Invoice.Id,
                item.Invoice.IssueDate,
                item.Invoice.DueDate,
                item.Invoice.Amount,
                item.NetOpen,
                item.Invoice.Currency,
                item.State,
                item.Invoice.DaysPastDue,
                item.State == StatementItem.UnderPromise ? item.Invoice.Promise?.Date : null,
                item.State == StatementItem.UnderPromise ? item.Invoice.Promise?.Amount : null,
                item.Invoice.PaymentLink))],
            [.. statement.Totals.Select(t => new PortalTotal(t.Currency, t.BalanceDue))])
        {
            DisputeCategories = [.. policy.DisputeCategories.Select(c => new PortalDisputeCategory(c.Id, c.Description))],
            PromiseLimits = policy.Portal.Promises,
        });
    }

    /// <summary>The link's customer's statement as <paramref name="format"/> (pdf or csv), as of today.</summary>
    public async Task<QueryResult<StatementDocument>> StatementAsync(PortalLinkPayload link, string? format, CancellationToken cancellationToken)
    {
        var result = await statements.RenderAsync(link.CustomerId.Value, null, format, cancellationToken).ConfigureAwait(false);
        return result.Failure is { Kind: FailureKind.NotFound } ? QueryResult<StatementDocument>.NotFound("This account has nothing to show.") : result;
    }
}
