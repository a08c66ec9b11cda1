using ArFunctions.Application.Intake;
using static ArFunctions.Application.Tests.Builders.IntakeAssert;
using static ArFunctions.Application.Tests.Builders.IntakeData;

namespace ArFunctions.Application.Tests.Intake;

/// <summary>Rules of a batch as a whole, the same for customers, invoices and payments.</summary>
public class IntakeValidatorValidateBatches
{
    [Fact]
    public void ReportsEveryErrorAtOnceWithIndexesAndFieldPaths()
    {
        CustomerInput[] batch =
        [
            Customer("C-0"),
            Customer("C-1") with { Name = null, CreditScore = 140 },
            Customer("C-2"),
            Customer("C|3") with { Contacts = [Contact(), Contact() with { Email = "nope" }] },
        ];

        var validation = IntakeValidator.ValidateCustomers(batch, Today);

        Assert.Empty(validation.Records);
        Assert.Equal(
            [(1, "name"), (1, "creditScore"), (3, "id"), (3, "contacts[1].email")],
            validation.Errors.Select(e => (e.Index, e.Field)));
    }

    [Fact]
    public void ReportsEveryErrorOfOneInvoiceAtOnce()
    {
        var input = Invoice() with { DueDate = "2025-01-01", OpenAmount = 2000m, Currency = "JPY", Dispute = new DisputeInput { Category = "price" } };

        var validation = IntakeValidator.ValidateInvoices([input], Policy, Today);

        Assert.Equal(
            ["dueDate", "openAmount", "currency", "dispute.category", "dispute.opened"],
            validation.Errors.Select(e => e.Field));
    }

    [Fact]
    public void RejectsSecondOccurrenceGivenDuplicateIds()
    {
        var validation = IntakeValidator.ValidateCustomers([Customer("C-1"), Customer("C-2"), Customer("C-1")], Today);

        var reason = SingleError(validation, 2, "id");
        Assert.Equal("'C-1' appears more than once in the batch (first at index 0)", reason);
    }

    [Fact]
    public void TreatsIdsAsCaseSensitiveGivenIdsDifferingInCase()
    {
        var validation = IntakeValidator.ValidateCustomers([Customer("c-1"), Customer("C-1")], Today);

        Assert.Equal(2, validation.Records.Count);
    }

    [Fact]
    public void RejectsDuplicateInvoiceAndPaymentIds()
    {
        var invoices = IntakeValidator.ValidateInvoices([Invoice("INV-1"), Invoice("INV-1", "C-2")], Policy, Today);
        var payments = IntakeValidator.ValidatePayments([Payment("P-1"), Payment("P-1", "INV-2")], Policy, Today);

        SingleError(invoices, 1, "id");
        SingleError(payments, 1, "id");
    }

    [Fact]
    public void RejectsBatchGivenNoRecords()
    {
        var error = Assert.Single(IntakeValidator.ValidateCustomers([], Today).Errors);

        Assert.Equal((-1, IntakeError.Whole), (error.Index, error.Field));
    }

    [Fact]
    public void RejectsBatchGivenNull()
    {
        var error = Assert.Single(IntakeValidator.ValidatePayments(null, Policy, Today).Errors);

        Assert.Equal(-1, error.Index);
    }

    [Fact]
    public void RejectsBatchGivenMoreThan1000RecordsAskingTheCallerToSplitIt()
    {
        var batch = Enumerable.Range(0, IntakeValidator.MaxBatchSize + 1).Select(i => Invoice($"INV-{i}")).ToArray();

        var validation = IntakeValidator.ValidateInvoices(batch, Policy, Today);

        var error = Assert.Single(validation.Errors);
        Assert.Equal(-1, error.Index);
        Assert.Contains("at most 1000", error.Reason, StringComparison.Ordinal);
        Assert.Contains("split", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AcceptsBatchGivenExactly1000Records()
    {
        var batch = Enumerable.Range(0, IntakeValidator.MaxBatchSize).Select(i => Customer($"C-{i}")).ToArray();

        Assert.Equal(1000, IntakeValidator.ValidateCustomers(batch, Today).Records.Count);
    }

    [Fact]
    public void RejectsRecordGivenNull()
    {
        var validation = IntakeValidator.ValidateInvoices([Invoice(), null], Policy, Today);

        var reason = SingleError(validation, 1, IntakeError.Whole);
        Assert.Contains("empty", reason, StringComparison.Ordinal);
    }
}
