using System.Globalization;
using ArFunctions.Application.Queries;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Application.Tasks;

/// <summary>A valid outcome: the parsed values the effects need.</summary>
internal sealed record ValidOutcome(InteractionOutcome Outcome, string? Note, PaymentPromise? Promise, string? PromiseCurrency, DisputeCategory? Category, string? DisputeNote);

/// <summary>Checks a <see cref="TaskOutcomeInput"/> against the task and the policy; every problem is reported at once.</summary>
internal static class TaskOutcomeValidator
{
    public const int MaxNoteLength = 2000;

    public static (ValidOutcome? Valid, IReadOnlyList<FieldError> Errors) Validate(
        TaskOutcomeInput? input, CollectorTask task, CollectionPolicy policy, DateOnly today)
    {
        var errors = new List<FieldError>();
        if (input is null)
        {
            return (null, [new FieldError("$", "a body with an outcome is required")]);
        }

        var outcome = Outcome(input.Outcome, errors);
        Note("note", input.Note, errors);
        CheckOnlyWith(outcome, InteractionOutcome.Promise, "promise", input.Promise is not null, errors);
        CheckOnlyWith(outcome, InteractionOutcome.Dispute, "dispute", input.Dispute is not null, errors);
        var (promise, currency) = outcome == InteractionOutcome.Promise ? Promise(input.Promise, task, today, errors) : (null, null);
        var category = outcome == InteractionOutcome.Dispute ? Category(input.Dispute, policy, errors) : null;
        if (input.Dispute is not null)
        {
            Note("dispute.note", input.Dispute.Note, errors);
        }

        return errors.Count > 0 || outcome is null
            ? (null, errors)
            : (new ValidOutcome(outcome.Value, input.Note, promise, currency, category, input.Dispute?.Note), []);
    }

    private static InteractionOutcome? Outcome(string? text, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new("outcome", $"is required: one of {string.Join(", ", RecordTaskOutcome.Outcomes)}"));
            return null;
        }

        if (KebabName<InteractionOutcome>.TryParse(text, out var outcome) && RecordTaskOutcome.Outcomes.Contains(KebabName<InteractionOutcome>.Format(outcome)))
        {
            return outcome;
        }

        errors.Add(new("outcome", $"unknown outcome '{text}': one of {string.Join(", ", RecordTaskOutcome.Outcomes)}"));
        return null;
    }

    private static void CheckOnlyWith(InteractionOutcome? outcome, InteractionOutcome owner, string field, bool present, List<FieldError> errors)
    {
        if (outcome is not null && outcome != owner && present)
        {
            errors.Add(new(field, $"is only for outcome {KebabName<InteractionOutcome>.Format(owner)}"));
        }
    }

    private static (PaymentPromise?, string?) Promise(PromiseInput? input, CollectorTask task, DateOnly today, List<FieldError> errors)
    {
        if (input is null)
        {
            errors.Add(new("promise", "is required for outcome promise: { date, amount }"));
            return (null, null);
        }

        var date = PromiseDate("promise.date", input.Date, today, errors);
        var amountOk = PromiseAmount("promise.amount", input.Amount, errors);
        var currency = PromiseCurrency(input.Currency, task, errors);
        return date is { } d && amountOk && currency is not null ? (new PaymentPromise(d, input.Amount!.Value, today), currency) : (null, null);
    }

    private static string? PromiseCurrency(string? currency, CollectorTask task, List<FieldError> errors)
    {
        var known = task.Amounts.Select(a => a.Currency).ToArray();
        if (currency is null)
        {
            if (known.Length <= 1)
            {
                return known.FirstOrDefault() ?? "";
            }

            errors.Add(new("promise.currency", $"is required: the task's invoices are in {string.Join(", ", known)}"));
            return null;
        }

        if (known.Contains(currency, StringComparer.Ordinal))
        {
            return currency;
        }

        errors.Add(new("promise.currency", $"'{currency}' is not a currency of the task's invoices ({string.Join(", ", known)})"));
        return null;
    }

    private static DisputeCategory? Category(DisputeInput? input, CollectionPolicy policy, List<FieldError> errors)
    {
        if (input is null)
        {
            errors.Add(new("dispute", $"a dispute category is required: one of {KnownCategories(policy)}"));
            return null;
        }

        return DisputeCategoryOf("dispute.category", input.Category, policy, errors);
    }

    /// <summary>One of the policy's dispute categories by id; null (with the error, listing them) otherwise.</summary>
    internal static DisputeCategory? DisputeCategoryOf(string field, string? id, CollectionPolicy policy, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            errors.Add(new(field, $"a dispute category is required: one of {KnownCategories(policy)}"));
            return null;
        }

        if (policy.TryGetDisputeCategory(id, out var category))
        {
            return category;
        }

        errors.Add(new(field, $"unknown category '{Failure.Quote(id)}': one of {KnownCategories(policy)}"));
        return null;
    }

    private static string KnownCategories(CollectionPolicy policy) => string.Join(", ", policy.DisputeCategories.Select(c => c.Id));

    /// <summary>A promised date: <c>yyyy-MM-dd</c>, today or later; null (with the error) otherwise.</summary>
    internal static DateOnly? PromiseDate(string field, string? text, DateOnly today, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new(field, "is required (yyyy-MM-dd)"));
        }
        else if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            errors.Add(new(field, $"'{Failure.Quote(text)}' is not a date (yyyy-MM-dd)"));
        }
        else if (parsed < today)
        {
            errors.Add(new(field, $"{text} is in the past (today is {today:yyyy-MM-dd})"));
        }
        else
        {
            return parsed;
        }

        return null;
    }

    /// <summary>A promised amount: more than 0 and within <see cref="AmountLimit.Max"/>; false (with the error) otherwise.</summary>
    internal static bool PromiseAmount(string field, decimal? amount, List<FieldError> errors)
    {
        if (amount is { } value && value > 0m && value <= AmountLimit.Max)
        {
            return true;
        }

        errors.Add(new(field, amount switch
        {
            null => "is required",
            <= 0m => "must be greater than 0",
            { } tooLarge => AmountLimit.TooLarge(tooLarge),
        }));
        return false;
    }

    /// <summary>A note may run over several lines (LF), and holds no other control character (<see cref="TextRules"/>).</summary>
    internal static void Note(string field, string? note, List<FieldError> errors)
    {
        if (note is { Length: > MaxNoteLength })
        {
            errors.Add(new(field, $"must be at most {MaxNoteLength} characters"));
        }
        else if (note is not null && TextRules.FindControlCharacter(note, allowLineFeed: true) is { } control)
        {
            errors.Add(new(field, control));
        }
    }
}
