using System.Collections.Frozen;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Conditions;
using ArFunctions.Domain.Customers;

namespace ArFunctions.Domain.Policies;

/// <summary>
/// The whole collections policy: segments, their strategies, dispute categories and the knobs of planning and
/// ranking. Built only by <c>PolicyLoader</c>, which validates it; everything here can be trusted.
/// </summary>
public sealed class CollectionPolicy
{
    private readonly FrozenDictionary<string, Strategy> _strategies;
    private readonly FrozenDictionary<string, SegmentDefinition> _segments;
    private readonly FrozenDictionary<string, DisputeCategory> _disputeCategories;

    public CollectionPolicy(
        string version,
        CurrencySettings currency,
        BusinessCalendar calendar,
        IReadOnlyList<SegmentDefinition> segments,
        IReadOnlyList<Strategy> strategies,
        IReadOnlyList<DisputeCategory> disputeCategories,
        HysteresisSettings hysteresis,
        ContactSettings contact,
        PromiseSettings promises,
        WorklistSettings worklist,
        RankingWeights ranking,
        decimal minimumBalance,
        LocaleSettings? locale = null)
    {
        Version = version;
        Currency = currency;
        Calendar = calendar;
        Segments = segments;
        Strategies = strategies;
        DisputeCategories = disputeCategories;
        Hysteresis = hysteresis;
        Contact = contact;
        Promises = promises;
        Worklist = worklist;
        Ranking = ranking;
        MinimumBalance = minimumBalance;
        Locale = locale ?? LocaleSettings.Standard;
        _strategies = strategies.ToFrozenDictionary(s => s.Id, StringComparer.Ordinal);
        _segments = segments.ToFrozenDictionary(s => s.Id, StringComparer.Ordinal);
        _disputeCategories = disputeCategories.ToFrozenDictionary(d => d.Id, StringComparer.Ordinal);
        DefaultSegment = segments.Single(s => s.IsDefault);
    }

    /// <summary>The policy's own version label; part of nothing's identity but shown in history and runs.</summary>
    public string Version { get; }

    public CurrencySettings Currency { get; }

    public BusinessCalendar Calendar { get; }

    /// <summary>Segments in evaluation order; the first whose condition holds wins.</summary>
    public IReadOnlyList<SegmentDefinition> Segments { get; }

    public SegmentDefinition DefaultSegment { get; }

    public IReadOnlyList<Strategy> Strategies { get; }

    public IReadOnlyList<DisputeCategory> DisputeCategories { get; }

    public HysteresisSettings Hysteresis { get; }

    public ContactSettings Contact { get; }

    public PromiseSettings Promises { get; }

    public WorklistSettings Worklist { get; }

    public RankingWeights Ranking { get; }

    /// <summary>Customers whose collectible balance (base currency) is below this are not chased.</summary>
    public decimal MinimumBalance { get; }

    /// <summary>How a customer's first run, or a run on one of <see cref="BaselineSettings.Dates"/>, treats a ladder already under way.</summary>
    public BaselineSettings Baseline { get; init; } = BaselineSettings.Default;

    /// <summary>What the emails carry besides their text: the templates whose emails attach the statement of account.</summary>
    public EmailSettings Emails { get; init; } = EmailSettings.Default;

    /// <summary>The customer page: how long a personal link lasts, and which promises to pay it accepts at once.</summary>
    public PortalSettings Portal { get; init; } = PortalSettings.Default;

    /// <summary>The locale customer-facing text (emails) is written in, by customer country.</summary>
    public LocaleSettings Locale { get; }

    public Strategy Strategy(string id) => _strategies[id];

    public Strategy StrategyFor(SegmentDefinition segment) => _strategies[segment.StrategyId];

    public bool TryGetSegment(string id, out SegmentDefinition segment) => _segments.TryGetValue(id, out segment!);

    /// <summary>The team of segment <paramref name="segmentId"/>; of the default segment when the id is null or not in this policy.</summary>
    public string? TeamOf(string? segmentId) =>
        segmentId is not null && TryGetSegment(segmentId, out var segment) ? segment.Team : DefaultSegment.Team;

    public SegmentDefinition Segment(string id) => _segments[id];

    public bool TryGetDisputeCategory(string id, out DisputeCategory category) => _disputeCategories.TryGetValue(id, out category!);
}

/// <summary>
/// A segment. <see cref="Strictness"/> orders segments for hysteresis: a move to a higher strictness is
/// immediate, a move to a lower one waits <see cref="HysteresisSettings.DaysToRelax"/> qualifying days.
/// </summary>
public sealed record SegmentDefinition(
    string Id,
    Condition? When,
    bool IsDefault,
    string StrategyId,
    int Strictness,
    string? Team = null,
    string? Description = null);

/// <summary>A ladder of steps. <see cref="Version"/> changes whenever the steps change, and is part of the ledger key.</summary>
public sealed record Strategy(string Id, string Version, DayCounting DayCounting, IReadOnlyList<StrategyStep> Steps, string? Description = null);

public enum StepAction
{
    Email,
    Call,
    Letter,
    Escalate,
    Agency,
}

/// <summary>
/// One rung of a strategy: <see cref="Day"/> days from the due date (negative is before it).
/// <see cref="Template"/> is set for email and letter; <see cref="AssignTo"/> names the role or team for
/// escalate and agency steps; <see cref="ContactRole"/> says whom to address (fallbacks in <see cref="ContactSettings"/>).
/// </summary>
public sealed record StrategyStep(
    string Id,
    int Day,
    StepAction Action,
    string? Template = null,
    ContactRole? ContactRole = null,
    string? AssignTo = null,
    Condition? When = null)
{
    public bool ReachesCustomer => Action is StepAction.Email or StepAction.Call or StepAction.Letter;
}

/// <summary>A kind of dispute, who resolves it and in how many days.</summary>
public sealed record DisputeCategory(string Id, string Owner, int SlaDays, string? Description = null);

/// <summary>
/// Amounts in other currencies are converted to <see cref="BaseCurrency"/> with <see cref="Rates"/>
/// (units of base currency per unit of the other currency).
/// </summary>
public sealed class CurrencySettings(CurrencyCode baseCurrency, IReadOnlyDictionary<CurrencyCode, decimal> rates)
{
    private readonly FrozenDictionary<CurrencyCode, decimal> _rates = rates.ToFrozenDictionary();

    public CurrencyCode BaseCurrency { get; } = baseCurrency;

    public IReadOnlyDictionary<CurrencyCode, decimal> Rates => _rates;

    public bool CanConvert(CurrencyCode currency) => currency == BaseCurrency || _rates.ContainsKey(currency);

    /// <summary>The amount in the base currency. Throws for a currency without a rate: intake rejects those.</summary>
    public decimal ToBase(decimal amount, CurrencyCode currency)
    {
        if (currency == BaseCurrency)
        {
            return amount;
        }

        return _rates.TryGetValue(currency, out var rate)
            ? amount * rate
            : throw new InvalidOperationException($"No exchange rate from {currency} to {BaseCurrency}.");
    }
}

/// <summary>Moving to a less strict segment needs <see cref="DaysToRelax"/> consecutive qualifying days.</summary>
public sealed record HysteresisSettings(int DaysToRelax);

/// <summary>
/// Policy <c>emails</c>: <see cref="AttachStatement"/> lists the templates whose emails carry the customer's statement of
/// account as a PDF attachment (none by default).
/// </summary>
public sealed record EmailSettings(IReadOnlySet<string> AttachStatement)
{
    public static readonly EmailSettings Default = new(new HashSet<string>(StringComparer.Ordinal));
}

/// <summary>
/// Policy <c>portal</c>: a customer's personal link expires <see cref="LinkDays"/> days after it is issued (the email's
/// send date); <see cref="Promises"/> bounds the promises to pay the customer page accepts without a collector.
/// </summary>
public sealed record PortalSettings(int LinkDays, PortalPromiseSettings Promises)
{
    public static readonly PortalSettings Default = new(30, PortalPromiseSettings.Default);
}

/// <summary>
/// A promise made on the customer page is accepted at once when its date is at most <see cref="MaxDaysAhead"/> days
/// ahead and its amount at least <see cref="MinShare"/> (0 to 1) of the open amount; any other becomes a request a
/// collector approves or refuses.
/// </summary>
public sealed record PortalPromiseSettings(int MaxDaysAhead, decimal MinShare)
{
    public static readonly PortalPromiseSettings Default = new(30, 0.5m);
}

/// <summary>
/// The baseline: on a customer's first run (never evaluated before, no step in its ledger) and on every run of
/// <see cref="Dates"/>, the steps already in the past are recorded as skipped with reason <c>baseline</c>, only the
/// current step fires, and a customer-facing step after the due date that is not the ladder's first one is sent with
/// <see cref="FirstContactTemplate"/>: a customer never contacted is never told "despite our earlier reminders".
/// </summary>
public sealed record BaselineSettings(string FirstContactTemplate, IReadOnlySet<DateOnly> Dates)
{
    public static readonly BaselineSettings Default = new("overdue", new HashSet<DateOnly>());
}

/// <summary>
/// Contact rules: at most <see cref="PerCustomerPerWeek"/> customer-facing contacts (email, call, letter) in
/// any 7 days, the roles tried, in order, when a step's role has no usable contact, and whether customers are
/// contacted only on business days of the policy's calendar (<see cref="BusinessDaysOnly"/>: a contact due on a
/// weekend or holiday waits for the next business day).
/// </summary>
public sealed record ContactSettings(int PerCustomerPerWeek, IReadOnlyList<ContactRole> FallbackOrder, bool BusinessDaysOnly = false);

/// <summary>A promise is kept if paid by its date plus <see cref="GraceDays"/>; a broken one escalates to <see cref="EscalateTo"/>.</summary>
public sealed record PromiseSettings(int GraceDays, string EscalateTo);

/// <summary>
/// A collector and the team they belong to; <see cref="Capacity"/> overrides the default. <see cref="Identity"/> is the
/// person who works as this collector when signed in: their Entra ID object id or UPN (none: nobody signs in as them).
/// </summary>
public sealed record CollectorDefinition(string Id, string? Team = null, int? Capacity = null, string? Identity = null);

/// <summary>How many accounts a collector can work in a day, and who the collectors are.</summary>
public sealed record WorklistSettings(int CapacityPerCollector, IReadOnlyList<CollectorDefinition> Collectors)
{
    public int CapacityOf(CollectorDefinition collector) => collector.Capacity ?? CapacityPerCollector;

    /// <summary>The Top-N size: the sum of every collector's capacity.</summary>
    public int TotalCapacity => Collectors.Sum(CapacityOf);

    /// <summary>
    /// The collectors who work the customers of a segment with <paramref name="team"/>, in policy order: those of that
    /// team; every collector when the segment names no team. The one rule for call tasks and worklists alike.
    /// </summary>
    public IReadOnlyList<CollectorDefinition> TeamOf(string? team) =>
        team is null ? Collectors : Collectors.Where(c => string.Equals(c.Team, team, StringComparison.Ordinal)).ToArray();
}

/// <summary>
/// Weights of the priority score's components. Each component is normalised to 0..1 before weighting;
/// a negative weight lowers priority (for example, hard-to-work accounts).
/// </summary>
public sealed record RankingWeights(
    double OverdueBalance = 0.30,
    double DaysPastDue = 0.20,
    double Risk = 0.15,
    double PaymentHistory = 0.10,
    double OrderLeverage = 0.05,
    double InteractionDifficulty = -0.05,
    double LowMargin = 0.05,
    double BrokenPromises = 0.10);
