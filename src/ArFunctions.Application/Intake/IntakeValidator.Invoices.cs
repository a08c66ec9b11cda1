using System.Globalization;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Application.Intake;

public static partial class IntakeValidator
{
    public const int MaxPaymentLinkLength = 2000;

    private static Invoice? ReadInvoice(InvoiceInput input, RecordCheck check, CollectionPolicy policy, DateOnly today)
    {
        var id = check.Key("id", input.Id);
        var customerId = check.Key("customerId", input.CustomerId);
        var issued = check.PastDate("issueDate", input.IssueDate, today, required: true);
        var due = check.Date("dueDate", input.DueDate, required: true);
        NotBefore(check, "dueDate", due, issued, "the issue date");
        var amount = check.Money("amount", input.Amount);
        var open = check.Money("openAmount", input.OpenAmount);
        if (open > amount)
        {
            check.Fail("openAmount", $"{Format(open!.Value)} is more than the amount {Format(amount!.Value)}");
        }

        var currency = check.Currency("currency", input.Currency, policy.Currency);
        var status = string.IsNullOrWhiteSpace(input.Status) ? InvoiceStatus.Open : check.Enum<InvoiceStatus>("status", input.Status);
        var paidOn = check.PastDate("paidOn", input.PaidOn, today);
        NotBefore(check, "paidOn", paidOn, issued, "the issue date");
        CheckStatus(check, status, open, !string.IsNullOrWhiteSpace(input.PaidOn));
        var dispute = input.Dispute is { } d ? ReadDispute(d, check.Nested("dispute"), policy, issued, today) : null;
        var promise = input.Promise is { } p ? ReadPromise(p, check.Nested("promise"), amount, today) : null;
        var paymentLink = ReadPaymentLink(check, input.PaymentLink);
        if (check.HasErrors)
        {
            return null;
        }

        return new Invoice
        {
            Id = new InvoiceId(id!),
            CustomerId = new CustomerId(customerId!),
            IssueDate = issued!.Value,
            DueDate = due!.Value,
            Amount = amount!.Value,
            OpenAmount = open!.Value,
            Currency = currency!.Value,
            Status = status!.Value,
            Dispute = dispute,
            Promise = promise,
            PaidOn = paidOn,
            PaymentLink = paymentLink,
        };
    }

    /// <summary>An absolute https address without user info (the customer page opens it): http and other schemes are refused.</summary>
    private static string? ReadPaymentLink(RecordCheck check, string? text)
    {
        var link = check.Text("paymentLink", text, MaxPaymentLinkLength);
        if (link is null)
        {
            return null;
        }

        if (Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.UserInfo.Length == 0 && !string.IsNullOrEmpty(uri.Host))
        {
            return link;
        }

        check.Fail("paymentLink", "must be an absolute https address, such as https://pay.example.com/INV-1001");
        return null;
    }

    /// <summary>A paid invoice has nothing open and a paid-on date; an open one has something left; only paid ones have paidOn.</summary>
    private static void CheckStatus(RecordCheck check, InvoiceStatus? status, decimal? open, bool hasPaidOn)
    {
        if (status == InvoiceStatus.Paid)
        {
            if (open is { } amount && amount != 0m)
            {
                check.Fail("openAmount", $"is {Format(amount)} but a paid invoice has nothing open (0)");
            }

            if (!hasPaidOn)
            {
                check.Fail("paidOn", "is required for a paid invoice");
            }

            return;
        }

        if (status == InvoiceStatus.Open && open == 0m)
        {
            check.Fail("openAmount", "is 0 but an open invoice has something left to pay (a settled invoice has status 'paid')");
        }

        if (status is not null && hasPaidOn)
        {
            check.Fail("paidOn", $"is set but the status is '{KebabName<InvoiceStatus>.Format(status.Value)}': only a paid invoice has a paid-on date");
        }
    }

    private static Dispute? ReadDispute(DisputeInput input, RecordCheck check, CollectionPolicy policy, DateOnly? issued, DateOnly today)
    {
        var category = check.Text("category", input.Category, MaxTextLength, required: true);
        if (category is not null && !policy.TryGetDisputeCategory(category, out _))
        {
            var known = string.Join(", ", policy.DisputeCategories.Select(c => c.Id));
            check.Fail("category", $"'{category}' is not a dispute category of the policy ({known})");
        }

        var opened = check.PastDate("opened", input.Opened, today, required: true);
        NotBefore(check, "opened", opened, issued, "the invoice's issue date");
        var resolved = check.PastDate("resolved", input.Resolved, today);
        NotBefore(check, "resolved", resolved, opened, "the date it was opened");
        return check.HasErrors ? null : new Dispute(category!, opened!.Value, resolved);
    }

    private static PaymentPromise? ReadPromise(PromiseInput input, RecordCheck check, decimal? invoiceAmount, DateOnly today)
    {
        var date = check.Date("date", input.Date, required: true);
        var amount = check.Money("amount", input.Amount);
        if (amount == 0m)
        {
            check.Fail("amount", "is 0: a promise to pay is for more than nothing");
        }
        else if (amount > invoiceAmount)
        {
            check.Fail("amount", $"{Format(amount!.Value)} is more than the invoice amount {Format(invoiceAmount!.Value)}");
        }

        var madeOn = check.PastDate("madeOn", input.MadeOn, today, required: true);
        if (madeOn > date)
        {
            check.Fail("madeOn", $"{RecordCheck.Iso(madeOn!.Value)} is after the promised date {RecordCheck.Iso(date!.Value)}");
        }

        return check.HasErrors ? null : new PaymentPromise(date!.Value, amount!.Value, madeOn!.Value);
    }

    private static void NotBefore(RecordCheck check, string field, DateOnly? date, DateOnly? earliest, string what)
    {
        if (date < earliest)
        {
            check.Fail(field, $"{RecordCheck.Iso(date!.Value)} is before {what} {RecordCheck.Iso(earliest!.Value)}");
        }
    }

    private static string Format(decimal amount) => amount.ToString(CultureInfo.InvariantCulture);
}
