using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;

namespace ArFunctions.Domain.Strategies;

/// <summary>
/// What the day's plan asks for. Declaration order is the output order of a plan.
/// Wire name: kebab-case.
/// </summary>
public enum ActionKind
{
    Email,
    Call,
    Letter,
    Escalation,
    Agency,
}

/// <summary>
/// One consolidated action for one customer on one day. <see cref="ActionId"/> is
/// <c>yyyyMMdd-customerId-kind</c> for customer-facing actions and <c>yyyyMMdd-customerId-kind-assignTo</c>
/// for internal tasks, so a retried day produces the same id. <see cref="Contact"/> is set for customer-facing
/// actions and null for internal tasks; <see cref="AssignTo"/> is the reverse.
/// </summary>
public sealed record PlannedAction(
    string ActionId,
    ActionKind Kind,
    CustomerId CustomerId,
    string? Template,
    Contact? Contact,
    string? AssignTo,
    IReadOnlyList<InvoiceId> Invoices,
    IReadOnlyList<StepRef> Steps)
{
    public bool ReachesCustomer => Kind is ActionKind.Email or ActionKind.Call or ActionKind.Letter;

    /// <summary>The day every id of that day's actions starts with, <c>yyyyMMdd</c>: ids sort by day.</summary>
    public static string IdDay(DateOnly day) =>
        // Formatting the date as a number is several times cheaper than a custom date format.
        ((day.Year * 10000) + (day.Month * 100) + day.Day).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
}
