using System.Diagnostics.CodeAnalysis;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Features;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Domain.Strategies;

/// <summary>
/// Everything the planner needs for one customer on one day. A struct passed by reference so that planning a
/// portfolio allocates nothing per customer.
/// </summary>
public readonly struct PlanningInput
{
    private readonly IReadOnlyList<Invoice>? _openInvoices;
    private readonly ArraySegment<Invoice> _openInvoiceSegment;

    public required Customer Customer { get; init; }

    public required CustomerFeatures Features { get; init; }

    /// <summary>The strategy of the customer's segment, already chosen.</summary>
    public required Strategy Strategy { get; init; }

    /// <summary>The customer's invoices; those that are not collectible are ignored.</summary>
    public required IReadOnlyList<Invoice> OpenInvoices
    {
        get => _openInvoices ?? _openInvoiceSegment;
        init => (_openInvoices, _openInvoiceSegment) = (value, default);
    }

    /// <summary>
    /// An input whose <see cref="OpenInvoices"/> are the array segment the engine holds, kept as it is: the interface
    /// would box it for every customer. The other required members are set by the caller's initializer all the same.
    /// </summary>
    [SetsRequiredMembers]
    internal PlanningInput(ArraySegment<Invoice> openInvoices)
    {
        // No list: the getter hands out the segment instead.
        OpenInvoices = null!;
        _openInvoiceSegment = openInvoices;
        Customer = null!;
        Strategy = null!;
        Ledger = [];
        Policy = null!;
    }

    /// <summary>The segment the engine gave, or null when <see cref="OpenInvoices"/> was given as a list.</summary>
    internal ArraySegment<Invoice>? OpenInvoiceSegment => _openInvoices is null ? _openInvoiceSegment : (ArraySegment<Invoice>?)null;

    /// <summary>
    /// The ledger entries of this customer's open invoices, any strategy version, in any order. Entries of other
    /// invoices are ignored but cost time, so leave out those of paid invoices.
    /// </summary>
    public required IReadOnlyList<LedgerEntry> Ledger { get; init; }

    /// <summary>
    /// The customer's credits allocated to <see cref="OpenInvoices"/> (<see cref="CreditAllocation.Allocate"/>); an
    /// invoice they cover is not chased, the others count net of what they took. Null means no credits.
    /// </summary>
    public CreditAllocation? Credits { get; init; }

    /// <summary>Customer-facing contacts already made on <c>AsOf - 6</c> to <c>AsOf - 1</c>; today's are what is planned.</summary>
    public int ContactsInLast6Days { get; init; }

    /// <summary>
    /// A baseline day for this customer (<see cref="BaselineSettings"/>): its first run, or a date the policy marks.
    /// Steps already in the past are skipped as <c>baseline</c> and a later step speaks as a first contact.
    /// </summary>
    public bool IsBaseline { get; init; }

    /// <summary>
    /// What the mail service and the contacts told us of the customer's email addresses (<see cref="ContactState"/>):
    /// emails skip an unusable or opted-out address. Null means none.
    /// </summary>
    public IReadOnlyList<ContactState>? ContactStates { get; init; }

    public required DateOnly AsOf { get; init; }

    public required CollectionPolicy Policy { get; init; }
}
