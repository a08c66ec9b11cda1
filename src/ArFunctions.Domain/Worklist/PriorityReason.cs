using ArFunctions.Domain.Common;

namespace ArFunctions.Domain.Worklist;

/// <summary>
/// Why a customer ranks where it does: one component, its contribution to the score (rounded to 3 decimals)
/// and a sentence with the customer's actual figures, such as <c>oldest invoice 47 days past due</c>.
/// </summary>
public readonly record struct PriorityReason(PriorityComponent Component, double Contribution, string Text)
{
    /// <summary>The component's wire name, such as <c>overdue-balance</c>.</summary>
    public string Name => KebabName<PriorityComponent>.Format(Component);
}
