using ArFunctions.Application.Intake;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using static ArFunctions.Application.Tests.Builders.IntakeAssert;
using static ArFunctions.Application.Tests.Builders.IntakeData;

namespace ArFunctions.Application.Tests.Intake;

public class IntakeValidatorValidatePayments
{
    [Fact]
    public void MapsEveryFieldGivenValidPayments()
    {
        var validation = IntakeValidator.ValidatePayments([Payment(), Payment("PAY-2", "INV-2", customerId: null) with { Method = "Direct-Debit" }], Policy, Today);

        Assert.Empty(validation.Errors);
        Assert.Equal(
            [
                new PaymentDraft("PAY-1", new InvoiceId("INV-1"), new CustomerId("C-1"), 450.25m, new CurrencyCode("EUR"), new DateOnly(2025, 3, 2), PaymentMethod.Wire),
                new PaymentDraft("PAY-2", new InvoiceId("INV-2"), null, 450.25m, new CurrencyCode("EUR"), new DateOnly(2025, 3, 2), PaymentMethod.DirectDebit),
            ],
            validation.Records);
    }

    [Theory]
    [InlineData("id", "PAY|1", "INV-1")]
    [InlineData("invoiceId", "PAY-1", "INV#1")]
    [InlineData("invoiceId", "PAY-1", null)]
    public void RejectsPaymentGivenIdsThatAreNoStorageKeys(string field, string id, string? invoiceId)
    {
        SingleError(Validate(Payment() with { Id = id, InvoiceId = invoiceId }), 0, field);
    }

    [Fact]
    public void RejectsPaymentGivenCustomerIdThatIsNoStorageKey()
    {
        SingleError(Validate(Payment() with { CustomerId = "C/1" }), 0, "customerId");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(1.005)]
    public void RejectsPaymentGivenAmountThatIsNoPositiveMinorUnitAmount(double amount)
    {
        SingleError(Validate(Payment() with { Amount = (decimal)amount }), 0, "amount");
    }

    [Fact]
    public void RejectsPaymentGivenCurrencyThePolicyCannotConvert()
    {
        SingleError(Validate(Payment() with { Currency = "CHF" }), 0, "currency");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("2025-03-15")]
    [InlineData("2025/03/01")]
    public void RejectsPaymentGivenNoPastDate(string? date)
    {
        SingleError(Validate(Payment() with { Date = date }), 0, "date");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("cash")]
    public void RejectsPaymentGivenNoKnownMethodListingTheValidNames(string? method)
    {
        var reason = SingleError(Validate(Payment() with { Method = method }), 0, "method");

        Assert.Contains("ach, card, wire, check, direct-debit", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildsThePaymentOfTheInvoicesCustomer()
    {
        var draft = SingleRecord(Validate(Payment() with { CustomerId = null }));

        Assert.Equal(new CustomerId("C-7"), draft.ToPayment(new CustomerId("C-7")).CustomerId);
    }

    [Fact]
    public void RejectsPaymentGivenAnAmountAboveTheSharedLimit()
    {
        var reason = SingleError(Validate(Payment() with { Amount = 79228162514264337593543950335m }), 0, "amount");

        Assert.Contains("largest amount accepted", reason, StringComparison.Ordinal);
    }

    private static IntakeValidation<PaymentDraft> Validate(PaymentInput input) => IntakeValidator.ValidatePayments([input], Policy, Today);
}
