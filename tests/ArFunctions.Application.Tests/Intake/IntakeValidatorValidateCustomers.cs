using ArFunctions.Application.Intake;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using static ArFunctions.Application.Tests.Builders.IntakeAssert;
using static ArFunctions.Application.Tests.Builders.IntakeData;

namespace ArFunctions.Application.Tests.Intake;

public class IntakeValidatorValidateCustomers
{
    [Fact]
    public void MapsEveryFieldGivenAValidCustomer()
    {
        var customer = SingleRecord(Validate(Customer()));

        var expected = new Customer
        {
            Id = new CustomerId("C-1"),
            Name = "Acme Corp",
            Country = "DE",
            Industry = "manufacturing",
            Type = "enterprise",
            CreditScore = 72,
            RiskClass = RiskClass.High,
            PaymentMethod = PaymentMethod.DirectDebit,
            InvoicingMode = InvoicingMode.EInvoice,
            CreditTermsDays = 45,
            CustomerSince = new DateOnly(2019, 4, 1),
            MarginPct = 23.5m,
            AssignedCollector = "alice",
            Excluded = true,
        };
        Assert.Equal(expected, customer with { Contacts = [] });
        Assert.Equal(
            [
                new Contact("Ada Clerk", ContactRole.ApClerk, "ada@acme.example", "+49 30 1234567", ContactChannel.Phone, "mornings"),
                new Contact("Carl Fo", ContactRole.Cfo, null, "(030) 765-4321 x12", ContactChannel.Phone, null),
            ],
            customer.Contacts);
    }

    [Fact]
    public void MapsEveryCustomerInOrderGivenABatch()
    {
        var validation = IntakeValidator.ValidateCustomers([Customer("C-1"), Customer("C-2"), Customer("C-3")], Today);

        Assert.Empty(validation.Errors);
        Assert.Equal(["C-1", "C-2", "C-3"], validation.Records.Select(c => c.Id.Value));
    }

    [Fact]
    public void UsesTheDomainDefaultsGivenOnlyTheRequiredFields()
    {
        var customer = SingleRecord(Validate(new CustomerInput { Id = "C-9", Name = "  Tiny Ltd ", CustomerSince = "2024-01-01", Country = "" }));

        var expected = new Customer { Id = new CustomerId("C-9"), Name = "Tiny Ltd", CustomerSince = new DateOnly(2024, 1, 1) };
        Assert.Equal(expected, customer with { Contacts = [] });
        Assert.Empty(customer.Contacts);
    }

    [Theory]
    [InlineData("A|B", "'|'")]
    [InlineData("A/B", "'/'")]
    [InlineData("A#B", "'#'")]
    [InlineData("A?B", "'?'")]
    [InlineData("A\tB", "\\u0009")]
    public void RejectsCustomerGivenIdThatIsNoStorageKey(string id, string named)
    {
        var reason = SingleError(Validate(Customer(id)), 0, "id");

        Assert.Contains(named, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsCustomerGivenIdLongerThan128Characters()
    {
        SingleError(Validate(Customer(new string('x', 129))), 0, "id");
    }

    [Theory]
    [InlineData(" C-1")]
    [InlineData("C-1 ")]
    public void RejectsCustomerGivenIdWithLeadingOrTrailingWhitespace(string id)
    {
        var reason = SingleError(Validate(Customer(id)), 0, "id");

        Assert.Contains("whitespace", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void RejectsCustomerGivenNoId(string? id)
    {
        var reason = SingleError(Validate(Customer() with { Id = id }), 0, "id");

        Assert.Equal("is required", reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void RejectsCustomerGivenNoName(string? name)
    {
        SingleError(Validate(Customer() with { Name = name }), 0, "name");
    }

    [Fact]
    public void RejectsCustomerGivenNameLongerThanTheLimit()
    {
        SingleError(Validate(Customer() with { Name = new string('n', IntakeValidator.MaxTextLength + 1) }), 0, "name");
    }

    [Fact]
    public void RejectsCustomerGivenNoCustomerSince()
    {
        SingleError(Validate(Customer() with { CustomerSince = null }), 0, "customerSince");
    }

    [Theory]
    [InlineData("2019-13-01")]
    [InlineData("01/04/2019")]
    [InlineData("2019-4-1")]
    [InlineData("yesterday")]
    public void RejectsCustomerGivenCustomerSinceThatIsNoDate(string since)
    {
        var reason = SingleError(Validate(Customer() with { CustomerSince = since }), 0, "customerSince");

        Assert.Contains("yyyy-MM-dd", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0201-04-01")]
    [InlineData("1899-12-31")]
    public void RejectsCustomerGivenCustomerSinceInAnImplausibleYear(string since)
    {
        SingleError(Validate(Customer() with { CustomerSince = since }), 0, "customerSince");
    }

    [Fact]
    public void RejectsCustomerGivenCustomerSinceAfterToday()
    {
        var reason = SingleError(Validate(Customer() with { CustomerSince = "2025-03-15" }), 0, "customerSince");

        Assert.Contains("after today", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AcceptsCustomerGivenCustomerSinceToday()
    {
        SingleRecord(Validate(Customer() with { CustomerSince = "2025-03-14" }));
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(100, true)]
    [InlineData(101, false)]
    public void AcceptsCreditScoreOnlyGivenZeroTo100(int score, bool accepted)
    {
        AssertAccepted(Validate(Customer() with { CreditScore = score }), accepted, "creditScore");
    }

    [Theory]
    [InlineData(-100.01, false)]
    [InlineData(-100, true)]
    [InlineData(100, true)]
    [InlineData(100.5, false)]
    public void AcceptsMarginOnlyGivenMinus100To100(double margin, bool accepted)
    {
        AssertAccepted(Validate(Customer() with { MarginPct = (decimal)margin }), accepted, "marginPct");
    }

    [Fact]
    public void KeepsMarginUnknownGivenNoMarginPct()
    {
        // An absent margin is unknown, never 0%: 0 would rank the customer as a low-margin account.
        Assert.Null(SingleRecord(Validate(Customer() with { MarginPct = null })).MarginPct);
        Assert.Equal(0m, SingleRecord(Validate(Customer() with { MarginPct = 0m })).MarginPct);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(365, true)]
    [InlineData(366, false)]
    public void AcceptsCreditTermsOnlyGivenZeroTo365Days(int days, bool accepted)
    {
        AssertAccepted(Validate(Customer() with { CreditTermsDays = days }), accepted, "creditTermsDays");
    }

    [Fact]
    public void RejectsCustomerGivenUnknownPaymentMethodListingTheValidNames()
    {
        var reason = SingleError(Validate(Customer() with { PaymentMethod = "directdebit" }), 0, "paymentMethod");

        Assert.Equal("'directdebit' is not one of ach, card, wire, check, direct-debit", reason);
    }

    [Fact]
    public void RejectsCustomerGivenUnknownRiskClassAndInvoicingMode()
    {
        var validation = Validate(Customer() with { RiskClass = "extreme", InvoicingMode = "fax" });

        Assert.Equal(["riskClass", "invoicingMode"], validation.Errors.Select(e => e.Field));
        Assert.Contains("low, medium, high, critical", validation.Errors[0].Reason, StringComparison.Ordinal);
        Assert.Contains("paper, email, portal, e-invoice", validation.Errors[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AcceptsEnumNamesGivenAnyCase()
    {
        var input = Customer() with { RiskClass = "LOW", PaymentMethod = "Direct-Debit", InvoicingMode = "E-INVOICE", Contacts = [Contact() with { Role = "AP-Clerk", PreferredChannel = "Email" }] };

        var customer = SingleRecord(Validate(input));

        Assert.Equal((RiskClass.Low, PaymentMethod.DirectDebit, InvoicingMode.EInvoice), (customer.RiskClass, customer.PaymentMethod, customer.InvoicingMode));
        Assert.Equal((ContactRole.ApClerk, ContactChannel.Email), (customer.Contacts[0].Role, customer.Contacts[0].PreferredChannel));
    }

    [Theory]
    [InlineData("DEU")]
    [InlineData("D")]
    [InlineData("D1")]
    public void RejectsCustomerGivenCountryThatIsNoAlpha2Code(string country)
    {
        SingleError(Validate(Customer() with { Country = country }), 0, "country");
    }

    [Fact]
    public void StoresCountryUpperCaseGivenLowerCase()
    {
        Assert.Equal("FR", SingleRecord(Validate(Customer() with { Country = "fr" })).Country);
    }

    [Fact]
    public void RejectsCustomerGivenAssignedCollectorThatIsNoStorageKey()
    {
        SingleError(Validate(Customer() with { AssignedCollector = "team/alice" }), 0, "assignedCollector");
    }

    [Fact]
    public void RejectsContactGivenNeitherEmailNorPhone()
    {
        var input = Customer() with { Contacts = [Contact(), new ContactInput { Name = "Nobody", Role = "other", Email = " " }] };

        var reason = SingleError(Validate(input), 0, "contacts[1].email");

        Assert.Equal("a contact needs an email or a phone", reason);
    }

    [Theory]
    [InlineData("ada.acme.example")]
    [InlineData("ada@@acme.example")]
    [InlineData("ada@acme@example.com")]
    [InlineData("@acme.example")]
    [InlineData("ada@localhost")]
    [InlineData("ada@.example")]
    [InlineData("ada@acme.")]
    [InlineData("ada lovelace@acme.example")]
    [InlineData("a,evil<x>@example.com")]
    [InlineData("Ada <ada@acme.example>")]
    [InlineData("<ada@acme.example>")]
    [InlineData("ada@acme.example, eve@evil.example")]
    [InlineData("ada@acme.example (ap clerk)")]
    [InlineData("undisclosed:;")]
    [InlineData("team: ada@acme.example;")]
    public void RejectsContactGivenImplausibleEmail(string email)
    {
        var input = Customer() with { Contacts = [Contact() with { Email = email }] };

        SingleError(Validate(input), 0, "contacts[0].email");
    }

    [Fact]
    public void RejectsTheCommaAndBracketAddressNamingTheEmailField()
    {
        var input = Customer() with { Contacts = [Contact() with { Email = "a,evil<x>@example.com" }] };

        var reason = SingleError(Validate(input), 0, "contacts[0].email");

        Assert.Contains("is not one email address", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Acme\r\nBcc: eve@evil.example")]
    [InlineData("Acme\nCorp")]
    [InlineData("Acme\u0000Corp")]
    [InlineData("Acme\u001bCorp")]
    [InlineData("Acme\u0085Corp")]
    [InlineData("Acme\u2028Corp")]
    public void RejectsCustomerGivenControlCharactersInTheName(string name)
    {
        var reason = SingleError(Validate(Customer() with { Name = name }), 0, "name");

        Assert.StartsWith("must not contain control characters", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsContactGivenALineBreakInItsNameOrPreferredTime()
    {
        var input = Customer() with { Contacts = [Contact() with { Name = "Ada\nClerk", PreferredTime = "9am\r" + "\u0007" }] };

        var validation = Validate(input);

        Assert.Equal(["contacts[0].name", "contacts[0].preferredTime"], validation.Errors.Select(e => e.Field));
    }

    [Fact]
    public void RejectsCustomerGivenAControlCharacterInTheId()
    {
        SingleError(Validate(Customer() with { Id = "C-1\u2029" }), 0, "id");
    }

    [Theory]
    [InlineData("ada@acme.example")]
    [InlineData("ada.lovelace+ar@mail.acme.co.uk")]
    [InlineData("  ada@acme.example  ")]
    public void AcceptsContactGivenPlausibleEmail(string email)
    {
        var customer = SingleRecord(Validate(Customer() with { Contacts = [Contact() with { Email = email }] }));

        Assert.Equal(email.Trim(), customer.Contacts[0].Email);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("call me maybe")]
    [InlineData("+1 555 0100 ext")]
    [InlineData("1234567890123456")]
    public void RejectsContactGivenImplausiblePhone(string phone)
    {
        var input = Customer() with { Contacts = [Contact() with { Phone = phone }] };

        SingleError(Validate(input), 0, "contacts[0].phone");
    }

    [Theory]
    [InlineData("+1 (555) 010-0199")]
    [InlineData("030 1234567")]
    [InlineData("+44 20 7946 0958 ext. 204")]
    [InlineData("555.010.0199x7")]
    public void AcceptsContactGivenPlausiblePhone(string phone)
    {
        SingleRecord(Validate(Customer() with { Contacts = [Contact() with { Phone = phone }] }));
    }

    [Fact]
    public void RejectsContactGivenNoRoleListingTheValidRoles()
    {
        var reason = SingleError(Validate(Customer() with { Contacts = [Contact() with { Role = null }] }), 0, "contacts[0].role");

        Assert.Contains("ap-clerk, approver, controller, cfo, other", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsContactGivenNoName()
    {
        SingleError(Validate(Customer() with { Contacts = [Contact() with { Name = "" }] }), 0, "contacts[0].name");
    }

    [Theory]
    [InlineData("email", null, "+49 30 1234567")]
    [InlineData("phone", "ada@acme.example", null)]
    public void RejectsContactGivenPreferredChannelItCannotBeReachedOn(string channel, string? email, string? phone)
    {
        var input = Customer() with { Contacts = [Contact() with { PreferredChannel = channel, Email = email, Phone = phone }] };

        SingleError(Validate(input), 0, "contacts[0].preferredChannel");
    }

    [Theory]
    [InlineData("ada@acme.example", null, ContactChannel.Email)]
    [InlineData("ada@acme.example", "+49 30 1234567", ContactChannel.Email)]
    [InlineData(null, "+49 30 1234567", ContactChannel.Phone)]
    public void PrefersEmailThenPhoneGivenNoPreferredChannel(string? email, string? phone, ContactChannel expected)
    {
        var input = Customer() with { Contacts = [Contact() with { PreferredChannel = null, Email = email, Phone = phone }] };

        Assert.Equal(expected, SingleRecord(Validate(input)).Contacts[0].PreferredChannel);
    }

    [Fact]
    public void RejectsCustomerGivenMoreContactsThanTheLimit()
    {
        var contacts = Enumerable.Range(0, IntakeValidator.MaxContacts + 1).Select(_ => Contact()).ToArray();

        SingleError(Validate(Customer() with { Contacts = contacts }), 0, "contacts");
    }

    [Fact]
    public void RejectsContactGivenNull()
    {
        SingleError(Validate(Customer() with { Contacts = [Contact(), null!] }), 0, "contacts[1]");
    }

    private static IntakeValidation<Customer> Validate(CustomerInput input) => IntakeValidator.ValidateCustomers([input], Today);

    private static void AssertAccepted<T>(IntakeValidation<T> validation, bool accepted, string field)
    {
        if (accepted)
        {
            SingleRecord(validation);
        }
        else
        {
            SingleError(validation, 0, field);
        }
    }
}
