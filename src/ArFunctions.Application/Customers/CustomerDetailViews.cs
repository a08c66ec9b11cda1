using ArFunctions.Application.Ports;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Features;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Application.Customers;

/// <summary>
/// One customer as the detail page shows it. Every enum value is its kebab-case wire name; lists are newest first
/// except <see cref="OpenInvoices"/> (oldest due date first). <see cref="Features"/> maps each rule field name
/// (<c>overdueBalance</c>) to its value as of <see cref="FeaturesAsOf"/>: a number, a name, or null when unknown
/// (<c>avgDaysLate</c> with no invoice paid in 12 months, never 0); it is empty when <see cref="DataProblems"/> lists
/// what in the stored data keeps the engine (and the daily run) from working with this customer.
/// <see cref="FeaturesAsOfSource"/> says where <see cref="FeaturesAsOf"/> comes from (<see cref="Customers.FeaturesAsOfSource"/>),
/// which is also the date of the open invoices' days past due and of the credits' allocation: <see cref="Credits"/> are
/// the credits dated by then with something unapplied (oldest first, what each invoice took of them, what is left),
/// and <see cref="Balance"/> nets them against the open invoices (null when the features cannot be computed).
/// </summary>
public sealed record CustomerDetail(
    CustomerView Customer,
    SegmentView Segment,
    DateOnly FeaturesAsOf,
    string FeaturesAsOfSource,
    IReadOnlyDictionary<string, object?> Features,
    IReadOnlyList<InvoiceView> OpenInvoices,
    IReadOnlyList<SegmentMoveView> SegmentMoves,
    IReadOnlyList<ActionView> Actions,
    IReadOnlyList<InteractionView> Interactions,
    IReadOnlyList<Runs.DataProblemView> DataProblems,
    IReadOnlyList<CreditView> Credits,
    BalanceView? Balance);

/// <summary>
/// The customer's balance in the base currency as of the detail's date: the open invoices, the credits (what the
/// invoices took of them and what is left as account credit), and <see cref="Net"/>, the invoices less the credits.
/// </summary>
public sealed record BalanceView(string Currency, decimal OpenInvoices, decimal Credits, decimal Net)
{
    /// <summary>
    /// From the features (open balance net of what the invoices took, and the credit left over) and the allocation's
    /// applications, converted as the features are; the sum of the invoices' gross open amounts is their net plus that.
    /// </summary>
    public static BalanceView Of(in CustomerFeatures features, CreditAllocation credits, IReadOnlyList<Invoice> invoices, CurrencySettings currency)
    {
        var applied = 0m;
        foreach (var application in credits.Applications)
        {
            var invoice = invoices.First(i => i.Id == application.InvoiceId);
            applied += currency.ToBase(application.Amount, invoice.Currency);
        }

        return new BalanceView(currency.BaseCurrency.Value, features.OpenBalance + applied, applied + features.CreditBalance, features.OpenBalance - features.CreditBalance);
    }
}

/// <summary>
/// One credit as of the detail's date: its kind (kebab wire name), what was unapplied in the source (<see cref="Amount"/>),
/// the invoice it names, what the allocation put on each open invoice, and what is left as account credit.
/// </summary>
public sealed record CreditView(
    string Id,
    string Kind,
    decimal Amount,
    string Currency,
    DateOnly On,
    string? AppliesTo,
    IReadOnlyList<CreditAppliedView> AppliedTo,
    decimal Left)
{
    public static IReadOnlyList<CreditView> Of(CreditAllocation allocation) =>
        allocation.Credits.Select(c => new CreditView(
            c.Id,
            KebabName<CreditKind>.Format(c.Kind),
            c.Amount,
            c.Currency.Value,
            c.On,
            c.AppliesTo?.Value,
            allocation.Applications.Where(a => a.CreditId == c.Id).Select(a => new CreditAppliedView(a.InvoiceId.Value, a.Amount)).ToArray(),
            allocation.Unapplied.FirstOrDefault(u => u.Id == c.Id)?.Amount ?? 0m)).ToArray();
}

/// <summary>What one credit covers of one invoice, in their currency.</summary>
public sealed record CreditAppliedView(string InvoiceId, decimal Amount);

/// <summary>Where the customer detail's as-of date comes from.</summary>
public enum FeaturesAsOfSource
{
    /// <summary>The as-of date of the last completed run (not a dry run): what the engine saw when it last decided.</summary>
    LastRun,

    /// <summary>The date the caller asked for.</summary>
    Requested,

    /// <summary>Today on the business clock: no run has completed yet.</summary>
    NoRunYet,
}

/// <summary>
/// A contact as collectors see it. <see cref="Key"/> names its email address (<see cref="ContactKeys.Of"/>; null without
/// one); <see cref="EmailState"/> says whether the address takes email (null when nothing is known against it).
/// </summary>
public sealed record ContactView(string Name, string Role, string? Email, string? Phone, string PreferredChannel, string? PreferredTime, string? Key = null, ContactEmailStateView? EmailState = null)
{
    public static ContactView Of(Contact contact, IReadOnlyList<ContactState> states)
    {
        var state = contact.Email is null ? null : states.FirstOrDefault(s => ContactKeys.Matches(contact, s.Address));
        return new ContactView(
            contact.Name, KebabName<ContactRole>.Format(contact.Role), contact.Email, contact.Phone, KebabName<ContactChannel>.Format(contact.PreferredChannel), contact.PreferredTime,
            contact.Email is { } address ? ContactKeys.Of(address) : null,
            state is null || state.TakesEmail ? null : ContactEmailStateView.Of(state));
    }
}

/// <summary>
/// Why an address takes no email: <see cref="Unusable"/> (<c>bounced</c> or <c>suppressed</c>) since
/// <see cref="UnusableAt"/>, reported for email action <see cref="UnusableReport"/> with the service's words, and the
/// "fix the contact" task raised; and/or opted out at <see cref="OptedOutAt"/> by <see cref="OptedOutSource"/>
/// (<c>portal</c> or a person).
/// </summary>
public sealed record ContactEmailStateView(
    string? Unusable, DateTimeOffset? UnusableAt, string? UnusableReport, string? UnusableDetails, string? FixTaskId, DateTimeOffset? OptedOutAt, string? OptedOutSource)
{
    public static ContactEmailStateView Of(ContactState state) => new(
        state.Unusable is { } u ? KebabName<UnusableStatus>.Format(u.Status) : null, state.Unusable?.At, state.Unusable?.Report, state.Unusable?.Details,
        state.Unusable is null ? null : state.FixTaskId, state.OptedOut?.At, state.OptedOut?.Source);
}

public sealed record CustomerView(
    string Id,
    string Name,
    string Country,
    string Industry,
    string Type,
    int? CreditScore,
    string RiskClass,
    string PaymentMethod,
    string InvoicingMode,
    int CreditTermsDays,
    DateOnly CustomerSince,
    decimal? MarginPct,
    string? AssignedCollector,
    bool Excluded,
    IReadOnlyList<ContactView> Contacts)
{
    /// <summary>The customer, each contact with what <paramref name="contactStates"/> say of its email address.</summary>
    public static CustomerView From(Customer c, IReadOnlyList<ContactState>? contactStates = null) => new(
        c.Id.Value, c.Name, c.Country, c.Industry, c.Type, c.CreditScore,
        KebabName<RiskClass>.Format(c.RiskClass), KebabName<PaymentMethod>.Format(c.PaymentMethod), KebabName<InvoicingMode>.Format(c.InvoicingMode),
        c.CreditTermsDays, c.CustomerSince, c.MarginPct, c.AssignedCollector, c.Excluded,
        c.Contacts.Select(k => ContactView.Of(k, contactStates ?? [])).ToArray());
}

/// <summary>
/// The customer's segment. <see cref="SegmentId"/> is the effective segment the last run stored (null before the first
/// run), entered on <see cref="Since"/> by <see cref="MatchedRule"/> (the rule recorded with the move into it, or the
/// segment's rule in the current policy for a first assignment) with the <see cref="Triggers"/> recorded then.
/// <see cref="QualifiesToday"/> is the segment the current rules pick from the features as of
/// <see cref="CustomerDetail.FeaturesAsOf"/>, ignoring hysteresis (null when the features cannot be computed: see
/// <see cref="CustomerDetail.DataProblems"/>).
/// </summary>
public sealed record SegmentView(
    string? SegmentId,
    DateOnly? Since,
    string? MatchedRule,
    IReadOnlyList<string> Triggers,
    string? StrategyId,
    string? PendingSegmentId,
    int PendingDays,
    DateOnly? EvaluatedOn,
    string? QualifiesToday,
    string? QualifyingRule);

public sealed record InvoiceView(
    string Id,
    DateOnly IssueDate,
    DateOnly DueDate,
    decimal Amount,
    decimal OpenAmount,
    string Currency,
    string Status,
    int DaysPastDue,
    Dispute? Dispute,
    PaymentPromise? Promise,
    decimal CreditApplied,
    string? PaymentLink = null)
{
    /// <summary>The invoice as of <paramref name="asOf"/>, with what the customer's credits took of its open amount.</summary>
    public static InvoiceView From(Invoice i, DateOnly asOf, CreditAllocation credits) => new(
        i.Id.Value, i.IssueDate, i.DueDate, i.Amount, i.OpenAmount, i.Currency.Value, KebabName<InvoiceStatus>.Format(i.Status), i.DaysPastDue(asOf), i.Dispute, i.Promise,
        credits.AppliedTo(i.Id), i.PaymentLink);
}

public sealed record SegmentMoveView(DateOnly On, string? From, string To, string MatchedRule, IReadOnlyList<string> Triggers)
{
    public static SegmentMoveView Of(SegmentMove m) => new(m.On, m.From, m.To, m.MatchedRule, m.Triggers);
}

public sealed record ActionView(
    string ActionId,
    DateOnly AsOf,
    string Kind,
    string Status,
    string? Template,
    string? ContactName,
    string? ContactRole,
    string? AssignTo,
    IReadOnlyList<string> Invoices,
    string? StatusReason,
    DeliveryView? Delivery)
{
    public static ActionView From(CustomerActionRecord a) => new(
        a.ActionId, a.AsOf, KebabName<Domain.Strategies.ActionKind>.Format(a.Kind), KebabName<ActionStatus>.Format(a.Status), a.Template, a.ContactName,
        a.ContactRole is { } role ? KebabName<ContactRole>.Format(role) : null, a.AssignTo, a.Invoices, a.StatusReason, DeliveryView.Of(a.Delivery));
}

/// <summary>A sent email's latest delivery report: status (kebab-case: <c>delivered</c>, <c>bounced</c>, <c>filtered-spam</c> ...), the mail server's words, when.</summary>
public sealed record DeliveryView(string Status, string? Details, DateTimeOffset AttemptedAt)
{
    public static DeliveryView? Of(Emails.ActionDelivery? delivery) =>
        delivery is null ? null : new(KebabName<Emails.DeliveryStatus>.Format(delivery.Status), delivery.Details, delivery.AttemptedAt);
}

/// <summary>
/// One line of the customer's history; <see cref="RecordedBy"/> is who recorded it (null: the app itself, or the ERP's
/// data), <see cref="Source"/> is <c>portal</c> for what the customer did on the customer page, null otherwise.
/// </summary>
public sealed record InteractionView(DateOnly Date, string Kind, string Outcome, string? Note, string? RecordedBy, string? Source = null)
{
    public static InteractionView From(Interaction i) =>
        new(i.Date, KebabName<InteractionKind>.Format(i.Kind), KebabName<InteractionOutcome>.Format(i.Outcome), i.Note, i.RecordedBy, i.Source);
}

/// <summary>Features as wire-ready values: numbers (null when unknown, never NaN), enum names, text.</summary>
public static class FeatureValues
{
    public static IReadOnlyDictionary<string, object?> Of(in CustomerFeatures features)
    {
        var values = new Dictionary<string, object?>(FeatureCatalog.All.Count, StringComparer.Ordinal);
        foreach (var definition in FeatureCatalog.All)
        {
            values[definition.Name] = definition.Kind switch
            {
                FeatureKind.Number => features.GetNumber(definition.Id) is var n && (double.IsNaN(n) || double.IsInfinity(n)) ? null : n,
                FeatureKind.Enum => definition.EnumNames![features.GetEnumOrdinal(definition.Id)],
                _ => features.GetText(definition.Id),
            };
        }

        return values;
    }
}
