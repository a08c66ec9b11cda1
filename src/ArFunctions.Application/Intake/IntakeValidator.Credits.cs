using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Application.Intake;

public static partial class IntakeValidator
{
    /// <summary>Credits: credit memos and unapplied cash; whether the customer and the invoice it applies to exist is checked by <see cref="Intake"/>.</summary>
    public static IntakeValidation<Credit> ValidateCredits(IReadOnlyList<CreditInput?>? batch, CollectionPolicy policy, DateOnly today) =>
        ValidateCredits(batch, policy, today, allowEmpty: false);

    internal static IntakeValidation<Credit> ValidateCredits(IReadOnlyList<CreditInput?>? batch, CollectionPolicy policy, DateOnly today, bool allowEmpty) =>
        Validate(batch, allowEmpty, input => input.Id, (input, check) => ReadCredit(input, check, policy, today));

    private static Credit? ReadCredit(CreditInput input, RecordCheck check, CollectionPolicy policy, DateOnly today)
    {
        var id = check.Key("id", input.Id);
        var customerId = check.Key("customerId", input.CustomerId);
        var kind = check.Enum<CreditKind>("kind", input.Kind, required: true);
        if (kind == CreditKind.Overpayment)
        {
            check.Fail("kind", "overpayment credits come from the payment webhooks: send credit-memo or unapplied-cash");
        }

        var amount = check.Money("amount", input.Amount);
        if (amount == 0m)
        {
            check.Fail("amount", "is 0: a credit with nothing unapplied is already in the invoices' open amounts; leave it out");
        }

        var currency = check.Currency("currency", input.Currency, policy.Currency);
        var on = check.PastDate("on", input.On, today, required: true);
        var appliesTo = check.Key("appliesTo", input.AppliesTo, required: false);
        if (check.HasErrors)
        {
            return null;
        }

        return new Credit(id!, new CustomerId(customerId!), kind!.Value, amount!.Value, currency!.Value, on!.Value, appliesTo is null ? null : new InvoiceId(appliesTo));
    }
}
