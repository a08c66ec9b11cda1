using ArFunctions.Application.Customers;
using ArFunctions.Domain.Kpis;

namespace ArFunctions.Application.Statements;

/// <summary>
/// A statement of account as of <see cref="AsOf"/>, written for a reader in <see cref="Locale"/> (the policy's locale
/// for the customer's country). <see cref="OpenItems"/> are the invoices open with something to pay, oldest due date
/// first; <see cref="Credits"/> the credits with something left unapplied; <see cref="Payments"/> those received from
/// <see cref="PaymentsSince"/> to <see cref="AsOf"/>, newest first; <see cref="Totals"/> one line per currency.
/// </summary>
public sealed record Statement(
    CustomerView Customer,
    DateOnly AsOf,
    string Locale,
    DateOnly PaymentsSince,
    IReadOnlyList<StatementItem> OpenItems,
    IReadOnlyList<CreditView> Credits,
    IReadOnlyList<StatementPayment> Payments,
    IReadOnlyList<StatementTotal> Totals);

/// <summary>
/// One open invoice on the statement (as the customer detail shows it) and its state for the customer:
/// <see cref="Disputed"/> (a dispute open on the date), <see cref="UnderPromise"/> (a promise to pay still within its
/// date plus the policy's grace days), <see cref="Overdue"/> or <see cref="Due"/>, in that order of precedence.
/// </summary>
public sealed record StatementItem(InvoiceView Invoice, string State)
{
    public const string Due = "due";
    public const string Overdue = "overdue";
    public const string Disputed = "disputed";
    public const string UnderPromise = "under-promise";

    /// <summary>What is still to pay: the open amount less what the credits took.</summary>
    public decimal NetOpen => Math.Max(0m, Invoice.OpenAmount - Invoice.CreditApplied);
}

/// <summary>One payment received; <see cref="Method"/> is its kebab-case wire name.</summary>
public sealed record StatementPayment(string Id, DateOnly Date, string InvoiceId, decimal Amount, string Currency, string Method);

/// <summary>
/// One currency's totals: the open amounts before credits (<see cref="Open"/>), what the credits took of them
/// (<see cref="CreditApplied"/>), and the aging of what is still to pay with the unapplied credits as its own line
/// (<see cref="AgingDistribution.Net"/> is the balance due).
/// </summary>
public sealed record StatementTotal(string Currency, decimal Open, decimal CreditApplied, AgingDistribution Aging)
{
    public decimal BalanceDue => Aging.Net;
}
