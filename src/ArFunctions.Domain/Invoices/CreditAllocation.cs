using ArFunctions.Domain.Common;

namespace ArFunctions.Domain.Invoices;

/// <summary>One credit's amount put against one invoice, in their shared currency.</summary>
public readonly record struct CreditApplication(string CreditId, InvoiceId InvoiceId, decimal Amount);

/// <summary>
/// A customer's credits allocated to its open invoices as of a date: what each invoice has taken, and what is left
/// as account credit. The one allocation the planner, the features, the KPIs, the customer detail and the email
/// read, so that they never disagree about what a credit covers. See <see cref="Allocate"/> for the rule.
/// </summary>
public sealed class CreditAllocation
{
    private readonly Dictionary<InvoiceId, decimal>? _appliedTo;

    private CreditAllocation(IReadOnlyList<Credit> credits, IReadOnlyList<CreditApplication> applications, IReadOnlyList<Credit> unapplied)
    {
        Credits = credits;
        Applications = applications;
        Unapplied = unapplied;
        if (applications.Count > 0)
        {
            _appliedTo = [];
            foreach (var application in applications)
            {
                _appliedTo[application.InvoiceId] = _appliedTo.GetValueOrDefault(application.InvoiceId) + application.Amount;
            }
        }
    }

    /// <summary>No credits: what a customer without any gets, shared so that it costs nothing.</summary>
    public static CreditAllocation None { get; } = new([], [], []);

    /// <summary>The credits that took part: those with something unapplied on or before the as-of date, in allocation order.</summary>
    public IReadOnlyList<Credit> Credits { get; }

    /// <summary>Every credit-to-invoice application, in the order they were made.</summary>
    public IReadOnlyList<CreditApplication> Applications { get; }

    /// <summary>What is left of each credit after allocation (<see cref="Credit.Amount"/> is the remainder): the account credit.</summary>
    public IReadOnlyList<Credit> Unapplied { get; }

    /// <summary>True when there are no credits at all.</summary>
    public bool IsEmpty => Credits.Count == 0;

    /// <summary>How much of <paramref name="invoice"/>'s open amount the credits took, in the invoice's currency.</summary>
    public decimal AppliedTo(InvoiceId invoice) => _appliedTo is null ? 0m : _appliedTo.GetValueOrDefault(invoice);

    /// <summary>The invoice's open amount less what the credits took: what is still to collect, never below 0.</summary>
    public decimal NetOpen(Invoice invoice) => Math.Max(0m, invoice.OpenAmount - AppliedTo(invoice.Id));

    /// <summary>True when <paramref name="invoice"/> is collectible and the credits took all of its open amount.</summary>
    public bool Covers(Invoice invoice) => _appliedTo is not null && invoice.IsCollectible && AppliedTo(invoice.Id) >= invoice.OpenAmount;

    /// <summary>
    /// Allocates <paramref name="credits"/> to <paramref name="invoices"/> as of <paramref name="asOf"/>:
    /// <list type="number">
    /// <item>Credits count from their date: those dated after <paramref name="asOf"/>, and those with nothing
    /// unapplied, take no part. They are taken oldest first (date, then id).</item>
    /// <item>Only collectible invoices (open, something left to pay) issued on or before <paramref name="asOf"/>, and
    /// only in the credit's own currency: a credit is never converted, because which rate a customer's credit is worth
    /// in another currency is the AR team's decision, not the engine's. A credit in a currency none of the open
    /// invoices has stays account credit.</item>
    /// <item>A credit whose <see cref="Credit.AppliesTo"/> names such an invoice goes to it first, disputed or not
    /// (the source said so).</item>
    /// <item>What is left of every credit then goes to the open invoices without an open dispute, oldest due date first
    /// (then issue date, then id): a dispute is settled on its own terms, often by the very credit memo that names it.</item>
    /// <item>An invoice never takes more than its open amount; what no invoice takes stays as account credit
    /// (<see cref="Unapplied"/>).</item>
    /// </list>
    /// Pure and deterministic: the same records give the same allocation in any order.
    /// </summary>
    public static CreditAllocation Allocate(ReadOnlySpan<Invoice> invoices, ReadOnlySpan<Credit> credits, DateOnly asOf)
    {
        if (credits.IsEmpty)
        {
            return None;
        }

        var taking = new List<Credit>(credits.Length);
        foreach (var credit in credits)
        {
            if (credit.Amount > 0m && credit.On <= asOf)
            {
                taking.Add(credit);
            }
        }

        if (taking.Count == 0)
        {
            return None;
        }

        taking.Sort(static (a, b) => a.On != b.On ? a.On.CompareTo(b.On) : string.CompareOrdinal(a.Id, b.Id));
        var open = OpenInvoicesOldestFirst(invoices, asOf);
        var left = new decimal[taking.Count];
        var applications = new List<CreditApplication>();
        for (var c = 0; c < taking.Count; c++)
        {
            left[c] = taking[c].Amount;
            if (taking[c].AppliesTo is { } named && open.FindIndex(o => o.Invoice.Id == named) is var index and >= 0)
            {
                Apply(taking[c], ref left[c], open, index, applications);
            }
        }

        for (var c = 0; c < taking.Count; c++)
        {
            for (var i = 0; i < open.Count && left[c] > 0m; i++)
            {
                if (!open[i].Disputed)
                {
                    Apply(taking[c], ref left[c], open, i, applications);
                }
            }
        }

        var unapplied = new List<Credit>();
        for (var c = 0; c < taking.Count; c++)
        {
            if (left[c] > 0m)
            {
                unapplied.Add(taking[c] with { Amount = left[c] });
            }
        }

        return new CreditAllocation(taking, applications, unapplied);
    }

    private static void Apply(Credit credit, ref decimal left, List<OpenInvoice> open, int index, List<CreditApplication> applications)
    {
        var target = open[index];
        if (target.Invoice.Currency != credit.Currency || target.Left <= 0m)
        {
            return;
        }

        var amount = Math.Min(left, target.Left);
        left -= amount;
        open[index] = target with { Left = target.Left - amount };
        applications.Add(new CreditApplication(credit.Id, target.Invoice.Id, amount));
    }

    private static List<OpenInvoice> OpenInvoicesOldestFirst(ReadOnlySpan<Invoice> invoices, DateOnly asOf)
    {
        var open = new List<OpenInvoice>();
        foreach (var invoice in invoices)
        {
            if (invoice.IsCollectible && invoice.IssueDate <= asOf)
            {
                open.Add(new OpenInvoice(invoice, invoice.OpenAmount, invoice.Dispute?.IsOpenOn(asOf) == true));
            }
        }

        open.Sort(static (a, b) =>
        {
            var byDue = a.Invoice.DueDate.CompareTo(b.Invoice.DueDate);
            if (byDue != 0)
            {
                return byDue;
            }

            var byIssue = a.Invoice.IssueDate.CompareTo(b.Invoice.IssueDate);
            return byIssue != 0 ? byIssue : string.CompareOrdinal(a.Invoice.Id.Value, b.Invoice.Id.Value);
        });
        return open;
    }

    private readonly record struct OpenInvoice(Invoice Invoice, decimal Left, bool Disputed);
}
