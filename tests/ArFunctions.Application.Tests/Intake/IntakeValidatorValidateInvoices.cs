using ArFunctions.Application.Intake;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;
using static ArFunctions.Application.Tests.Builders.IntakeAssert;
using static ArFunctions.Application.Tests.Builders.IntakeData;

namespace ArFunctions.Application.Tests.Intake;

public class IntakeValidatorValidateInvoices
{
    [Fact]
    public void MapsEveryFieldGivenValidInvoices()
    {
        var validation = IntakeValidator.ValidateInvoices([Invoice(), PaidInvoice()], Policy, Today);

        Assert.Empty(validation.Errors);
        Assert.Equal(
            [
                new Invoice
                {
                    Id = new InvoiceId("INV-1"),
                    CustomerId = new CustomerId("C-1"),
                    IssueDate = new DateOnly(2025, 1, 10),
                    DueDate = new DateOnly(2025, 2, 9),
                    Amount = 1250.50m,
                    OpenAmount = 800.25m,
                    Currency = new CurrencyCode("EUR"),
                    Status = InvoiceStatus.Open,
                    Dispute = new Dispute("pricing", new DateOnly(2025, 2, 1), new DateOnly(2025, 2, 20)),
                    Promise = new PaymentPromise(new DateOnly(2025, 3, 20), 800.25m, new DateOnly(2025, 3, 1)),
                },
                new Invoice
                {
                    Id = new InvoiceId("INV-2"),
                    CustomerId = new CustomerId("C-1"),
                    IssueDate = new DateOnly(2025, 1, 5),
                    DueDate = new DateOnly(2025, 2, 4),
                    Amount = 99.99m,
                    OpenAmount = 0m,
                    Currency = new CurrencyCode("USD"),
                    Status = InvoiceStatus.Paid,
                    PaidOn = new DateOnly(2025, 2, 3),
                },
            ],
            validation.Records);
    }

    [Fact]
    public void DefaultsStatusToOpenGivenNoStatus()
    {
        Assert.Equal(InvoiceStatus.Open, SingleRecord(Validate(Invoice() with { Status = null })).Status);
    }

    [Fact]
    public void RejectsInvoiceGivenUnknownStatusListingTheValidNames()
    {
        var reason = SingleError(Validate(Invoice() with { Status = "settled" }), 0, "status");

        Assert.Contains("open, paid, cancelled, written-off", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id", "INV|1", "C-1")]
    [InlineData("customerId", "INV-1", "C|1")]
    [InlineData("customerId", "INV-1", null)]
    public void RejectsInvoiceGivenIdsThatAreNoStorageKeys(string field, string id, string? customerId)
    {
        SingleError(Validate(Invoice() with { Id = id, CustomerId = customerId }), 0, field);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("2025-02-30")]
    public void RejectsInvoiceGivenNoValidIssueDate(string? issueDate)
    {
        SingleError(Validate(Invoice() with { IssueDate = issueDate }), 0, "issueDate");
    }

    [Fact]
    public void RejectsInvoiceGivenIssueDateAfterToday()
    {
        SingleError(Validate(Invoice() with { IssueDate = "2025-03-15", DueDate = "2025-04-15", Dispute = null, Promise = null }), 0, "issueDate");
    }

    [Fact]
    public void RejectsInvoiceGivenDueDateBeforeIssueDate()
    {
        var reason = SingleError(Validate(Invoice() with { DueDate = "2025-01-09" }), 0, "dueDate");

        Assert.Equal("2025-01-09 is before the issue date 2025-01-10", reason);
    }

    [Fact]
    public void AcceptsInvoiceGivenDueDateOnIssueDate()
    {
        SingleRecord(Validate(Invoice() with { DueDate = "2025-01-10" }));
    }

    [Fact]
    public void RejectsInvoiceGivenOpenAmountAboveAmount()
    {
        var reason = SingleError(Validate(Invoice() with { OpenAmount = 1250.51m }), 0, "openAmount");

        Assert.Equal("1250.51 is more than the amount 1250.50", reason);
    }

    [Theory]
    [InlineData("amount")]
    [InlineData("openAmount")]
    public void RejectsInvoiceGivenMissingAmount(string field)
    {
        var input = field == "amount" ? Invoice() with { Amount = null } : Invoice() with { OpenAmount = null };

        Assert.Contains((0, field), Validate(input).Errors.Select(e => (e.Index, e.Field)));
    }

    [Fact]
    public void RejectsInvoiceGivenNegativeAmount()
    {
        var validation = Validate(Invoice() with { Amount = -1m, OpenAmount = -1m, Promise = null });

        Assert.Equal(["amount", "openAmount"], validation.Errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData(0.001, false)]
    [InlineData(10.125, false)]
    [InlineData(10.12, true)]
    [InlineData(10.1, true)]
    public void AcceptsAmountsOnlyGivenAtMostTwoDecimals(double amount, bool accepted)
    {
        var validation = Validate(Invoice() with { Amount = 2000m, OpenAmount = (decimal)amount });

        Assert.Equal(accepted, validation.IsValid);
        Assert.Equal(accepted ? [] : ["openAmount"], validation.Errors.Select(e => e.Field));
    }

    [Fact]
    public void AcceptsTrailingZerosBeyondTwoDecimals()
    {
        Assert.Equal(10.1m, SingleRecord(Validate(Invoice() with { OpenAmount = 10.1000m })).OpenAmount);
    }

    [Fact]
    public void RejectsInvoiceGivenPaidStatusWithSomethingOpen()
    {
        SingleError(Validate(PaidInvoice() with { OpenAmount = 0.01m }), 0, "openAmount");
    }

    [Fact]
    public void RejectsInvoiceGivenPaidStatusWithoutPaidOn()
    {
        var reason = SingleError(Validate(PaidInvoice() with { PaidOn = null }), 0, "paidOn");

        Assert.Equal("is required for a paid invoice", reason);
    }

    [Fact]
    public void RejectsInvoiceGivenOpenStatusWithNothingOpen()
    {
        SingleError(Validate(Invoice() with { OpenAmount = 0m, Promise = null }), 0, "openAmount");
    }

    [Theory]
    [InlineData("open")]
    [InlineData("cancelled")]
    [InlineData("written-off")]
    public void RejectsInvoiceGivenPaidOnWithoutPaidStatus(string status)
    {
        SingleError(Validate(Invoice() with { Status = status, PaidOn = "2025-03-01" }), 0, "paidOn");
    }

    [Fact]
    public void KeepsThePaymentLinkGivenAnHttpsAddress()
    {
        var validation = IntakeValidator.ValidateInvoices([Invoice() with { PaymentLink = "https://pay.example.com/INV-1?x=1" }], Policy, Today);

        Assert.Empty(validation.Errors);
        Assert.Equal("https://pay.example.com/INV-1?x=1", Assert.Single(validation.Records).PaymentLink);
    }

    [Theory]
    [InlineData("http://pay.example.com/INV-1")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/pay/INV-1")]
    [InlineData("https://user:secret@pay.example.com/INV-1")]
    public void RejectsInvoiceGivenAPaymentLinkThatIsNoHttpsAddress(string link)
    {
        var reason = SingleError(Validate(Invoice() with { PaymentLink = link }), 0, "paymentLink");

        Assert.Contains("https", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsInvoiceGivenPaidOnBeforeIssueDate()
    {
        SingleError(Validate(PaidInvoice() with { PaidOn = "2025-01-04" }), 0, "paidOn");
    }

    [Fact]
    public void RejectsInvoiceGivenPaidOnAfterToday()
    {
        SingleError(Validate(PaidInvoice() with { PaidOn = "2025-03-15" }), 0, "paidOn");
    }

    [Theory]
    [InlineData("US")]
    [InlineData("U5D")]
    [InlineData("dollar")]
    public void RejectsInvoiceGivenCurrencyThatIsNoIsoCode(string currency)
    {
        var reason = SingleError(Validate(Invoice() with { Currency = currency }), 0, "currency");

        Assert.Contains("ISO 4217", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsInvoiceGivenCurrencyThePolicyCannotConvert()
    {
        var reason = SingleError(Validate(Invoice() with { Currency = "JPY" }), 0, "currency");

        Assert.Equal("JPY has no exchange rate to USD in the policy (known: CAD, EUR, GBP, USD)", reason);
    }

    [Fact]
    public void AcceptsCurrencyGivenLowerCase()
    {
        Assert.Equal(new CurrencyCode("GBP"), SingleRecord(Validate(Invoice() with { Currency = "gbp" })).Currency);
    }

    [Fact]
    public void RejectsInvoiceGivenDisputeCategoryNotInThePolicy()
    {
        var input = Invoice() with { Dispute = new DisputeInput { Category = "Pricing", Opened = "2025-02-01" } };

        var reason = SingleError(Validate(input), 0, "dispute.category");

        Assert.Equal("'Pricing' is not a dispute category of the policy (pricing, quantity, quality, billing-error, chargeback)", reason);
    }

    [Theory]
    [InlineData("2025-01-09", null, "dispute.opened")]
    [InlineData("2025-03-15", null, "dispute.opened")]
    [InlineData("2025-02-01", "2025-01-31", "dispute.resolved")]
    [InlineData("2025-02-01", "2025-03-15", "dispute.resolved")]
    public void RejectsDisputeGivenImplausibleDates(string opened, string? resolved, string field)
    {
        var input = Invoice() with { Dispute = new DisputeInput { Category = "quality", Opened = opened, Resolved = resolved } };

        SingleError(Validate(input), 0, field);
    }

    [Theory]
    [InlineData("2025-03-20", 0, "2025-03-01", "promise.amount")]
    [InlineData("2025-03-20", 1250.51, "2025-03-01", "promise.amount")]
    [InlineData("2025-03-20", 100, "2025-03-21", "promise.madeOn")]
    [InlineData("2025-03-20", 100, null, "promise.madeOn")]
    [InlineData(null, 100, "2025-03-01", "promise.date")]
    public void RejectsPromiseGivenImplausibleValues(string? date, double amount, string? madeOn, string field)
    {
        var input = Invoice() with { Promise = new PromiseInput { Date = date, Amount = (decimal)amount, MadeOn = madeOn } };

        SingleError(Validate(input), 0, field);
    }

    [Fact]
    public void RejectsPromiseGivenMadeOnAfterToday()
    {
        var input = Invoice() with { Promise = new PromiseInput { Date = "2025-04-01", Amount = 10m, MadeOn = "2025-03-15" } };

        SingleError(Validate(input), 0, "promise.madeOn");
    }

    [Fact]
    public void RejectsInvoiceGivenAnAmountAboveTheSharedLimit()
    {
        var input = Invoice() with { Amount = 79228162514264337593543950335m, OpenAmount = 79228162514264337593543950335m, Promise = null };

        var validation = Validate(input);

        Assert.Empty(validation.Records);
        Assert.Equal(["amount", "openAmount"], validation.Errors.Select(e => e.Field));
        Assert.All(validation.Errors, e => Assert.Contains("more than the largest amount accepted (1000000000000)", e.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void AcceptsInvoiceGivenAnAmountAtTheSharedLimit()
    {
        var input = Invoice() with { Amount = AmountLimit.Max, OpenAmount = AmountLimit.Max, Promise = null };

        Assert.Equal(AmountLimit.Max, SingleRecord(Validate(input)).Amount);
    }

    [Fact]
    public void RejectsDisputeGivenALineBreakInItsCategory()
    {
        SingleError(Validate(Invoice() with { Dispute = new DisputeInput { Category = "pri\ncing", Opened = "2025-02-01" } }), 0, "dispute.category");
    }

    private static IntakeValidation<Invoice> Validate(InvoiceInput input) => IntakeValidator.ValidateInvoices([input], Policy, Today);
}
