using ArFunctions.Application.Customers;
using ArFunctions.Application.Ports;
using ArFunctions.Application.Queries;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Kpis;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Application.Statements;

/// <summary>
/// A customer's statement of account as of one date: the open items with what the credits took of each, the credits
/// left unapplied, the payments received in the last <see cref="PaymentDays"/> days, and per currency the open amounts
/// aged by days past due. The one model that the PDF, the CSV and the email attachment render.
/// </summary>
public sealed class CustomerStatement(ICustomerRecordStore store, IPolicySource policies, BusinessClock clock, IStatementRenderer renderer)
{

    /// <summary>How far back the statement lists payments: the as-of date and the 89 days before it.</summary>
    public const int PaymentDays = 90;

    /// <summary>
    /// The statement of <paramref name="customerId"/> as of <paramref name="asOf"/> (today on the business clock when
    /// null); a requested date must be one the customer detail accepts.
    /// </summary>
    public async Task<QueryResult<Statement>> GetAsync(string customerId, DateOnly? asOf, CancellationToken cancellationToken)
    {
        if (!CustomerId.TryCreate(customerId, out var id, out var error))
        {
            return QueryResult<Statement>.Invalid("customerId", error!);
        }

        if (CustomerDetailQuery.AsOfError(asOf, clock) is { } invalid)
        {
            return QueryResult<Statement>.Invalid("asOf", invalid);
        }

        var records = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (records is null)
        {
            return QueryResult<Statement>.NotFound($"No customer '{Failure.Quote(customerId)}'.");
        }

        var policy = await policies.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        return QueryResult<Statement>.Ok(Of(records, policy, asOf ?? clock.Today));
    }

    /// <summary>
    /// The statement rendered as <paramref name="format"/> (<c>pdf</c> or <c>csv</c>, any case; pdf when null), or why
    /// the input is invalid, or not found.
    /// </summary>
    public async Task<QueryResult<StatementDocument>> RenderAsync(string customerId, DateOnly? asOf, string? format, CancellationToken cancellationToken)
    {
        var wanted = StatementFormat.Pdf;
        if (format is not null && !KebabName<StatementFormat>.TryParse(format, out wanted))
        {
            return QueryResult<StatementDocument>.Invalid("format", $"must be one of {string.Join(", ", KebabName<StatementFormat>.Names)}");
        }

        var result = await GetAsync(customerId, asOf, cancellationToken).ConfigureAwait(false);
        return result.Value is { } statement
            ? QueryResult<StatementDocument>.Ok(renderer.Render(statement, wanted))
            : result.Status == QueryStatus.NotFound
                ? QueryResult<StatementDocument>.NotFound(result.Failure!.Detail)
                : QueryResult<StatementDocument>.Invalid(result.Errors);
    }

    /// <summary>The statement of <paramref name="records"/> as of <paramref name="asOf"/> under <paramref name="policy"/>.</summary>
    public static Statement Of(CustomerRecordSet records, CollectionPolicy policy, DateOnly asOf)
    {
        // Only what existed on the as-of date: an invoice issued later is not on a statement of that date.
        var invoices = records.Invoices.Where(i => i.IsCollectible && i.IssueDate <= asOf).ToArray();
        var credits = CreditAllocation.Allocate(invoices, records.Credits.ToArray(), asOf);
        var items = invoices.OrderBy(i => i.DueDate).ThenBy(i => i.Id.Value, StringComparer.Ordinal)
            .Select(i => new StatementItem(InvoiceView.From(i, asOf, credits), ItemState(i, asOf, policy.Promises.GraceDays)))
            .ToArray();
        var left = CreditView.Of(credits).Where(c => c.Left > 0m).ToArray();
        var since = asOf.AddDays(-(PaymentDays - 1));
        var payments = records.Payments.Where(p => p.Date >= since && p.Date <= asOf)
            .OrderByDescending(p => p.Date).ThenBy(p => p.Id, StringComparer.Ordinal)
            .Select(p => new StatementPayment(p.Id, p.Date, p.InvoiceId.Value, p.Amount, p.Currency.Value, KebabName<Domain.Customers.PaymentMethod>.Format(p.Method)))
            .ToArray();
        return new Statement(
            CustomerView.From(records.Customer),
            asOf,
            policy.Locale.For(records.Customer.Country),
            since,
            items,
            left,
            payments,
            Totals(items, left));
    }

    private static string ItemState(Invoice invoice, DateOnly asOf, int promiseGraceDays) =>
        invoice.Dispute is { } dispute && dispute.IsOpenOn(asOf) ? StatementItem.Disputed
        : invoice.Promise is { } promise && promise.IsPendingOn(asOf, promiseGraceDays) ? StatementItem.UnderPromise
        : invoice.DaysPastDue(asOf) > 0 ? StatementItem.Overdue
        : StatementItem.Due;

    private static StatementTotal[] Totals(StatementItem[] items, CreditView[] credits)
    {
        var currencies = items.Select(i => i.Invoice.Currency).Concat(credits.Select(c => c.Currency)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return currencies.Select(currency =>
        {
            var aging = new AgingDistribution(0m, 0m, 0m, 0m, 0m);
            decimal open = 0m, applied = 0m;
            foreach (var item in items.Where(i => i.Invoice.Currency == currency))
            {
                open += item.Invoice.OpenAmount;
                applied += item.Invoice.CreditApplied;
                aging = aging.WithOpen(item.NetOpen, item.Invoice.DaysPastDue);
            }

            foreach (var credit in credits.Where(c => c.Currency == currency))
            {
                aging = aging.WithCredit(credit.Left);
            }

            return new StatementTotal(currency, open, applied, aging);
        }).ToArray();
    }
}
