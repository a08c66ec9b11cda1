using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ArFunctions.Application.Queries;
using ArFunctions.Application.Tasks;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Application.Portal;

/// <summary>The checks and wording the portal actions share.</summary>
internal static class PortalInputRules
{
    public static InvoiceId? InvoiceOf(string? text, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new FieldError("invoice", "is required: the invoice's number"));
            return null;
        }

        if (InvoiceId.TryCreate(text, out var id, out var error))
        {
            return id;
        }

        errors.Add(new FieldError("invoice", $"'{Failure.Quote(text)}' is not an invoice number: {error}"));
        return null;
    }

    /// <summary>A comment of at most <see cref="TaskOutcomeValidator.MaxNoteLength"/> characters, over several lines if need be.</summary>
    public static void Comment(string field, string? text, bool required, List<FieldError> errors)
    {
        if (required && string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new FieldError(field, "is required: say in a few words what is wrong or what you need"));
            return;
        }

        TaskOutcomeValidator.Note(field, text, errors);
    }

    public static PortalRequestKind? RequestKindOf(string? text, List<FieldError> errors)
    {
        var known = string.Join(", ", Enum.GetValues<PortalRequestKind>().Select(KebabName<PortalRequestKind>.Format));
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new FieldError("kind", $"is required: one of {known}"));
            return null;
        }

        if (KebabName<PortalRequestKind>.TryParse(text, out var kind))
        {
            return kind;
        }

        errors.Add(new FieldError("kind", $"unknown request '{Failure.Quote(text)}': one of {known}"));
        return null;
    }

    /// <summary>
    /// Why a promise falls outside <paramref name="limits"/> (later than <c>maxDaysAhead</c> days from today, or less than
    /// <c>minShare</c> of the invoice's open amount), in the customer's words; null when the page may accept it at once.
    /// </summary>
    public static string? OutsideLimits(PortalPromiseSettings limits, Invoice invoice, DateOnly date, decimal amount, DateOnly today)
    {
        var reasons = new List<string>(2);
        var latest = today.AddDays(limits.MaxDaysAhead);
        if (date > latest)
        {
            reasons.Add($"later than {latest:yyyy-MM-dd} ({limits.MaxDaysAhead} days from today)");
        }

        var least = invoice.OpenAmount * limits.MinShare;
        if (amount < least)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"less than {limits.MinShare * 100m:0.##}% of the open {Money(invoice.OpenAmount, invoice.Currency)}"));
        }

        return reasons.Count == 0 ? null : string.Join(" and ", reasons);
    }

    public static string Money(decimal amount, CurrencyCode currency) =>
        amount.ToString("#,##0.00", CultureInfo.InvariantCulture) + " " + currency.Value;

    /// <summary>The id a request's task absorbs it under: the same request on the same day is absorbed once.</summary>
    public static string AbsorbId(string action, string content, DateOnly today) =>
        "portal:" + action + ":" + today.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + ":"
        + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)).AsSpan(0, 8));

    public static string AbsorbId(string action, string invoice, string detail, DateOnly today) => AbsorbId(action, invoice + "\n" + detail, today);
}
