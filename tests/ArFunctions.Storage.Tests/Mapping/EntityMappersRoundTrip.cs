using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using ArFunctions.Storage.Mapping;
using ArFunctions.Storage.Tests.Builders;
using Azure.Data.Tables;

namespace ArFunctions.Storage.Tests.Mapping;

/// <summary>Property-style: many generated values, each mapped to an entity and back, must come back equal.</summary>
public class EntityMappersRoundTrip
{
    private const int Seeds = 300;

    [Fact]
    public void ReturnsEqualCustomersGivenGeneratedCustomers()
    {
        for (var seed = 0; seed < Seeds; seed++)
        {
            var customer = Generate.Customer(new Random(seed));
            var back = CustomerEntityMapper.FromEntity(Reread(CustomerEntityMapper.ToEntity(customer, "s0001")));
            Assert.True(Generate.SameCustomer(customer, back), $"seed {seed}: {customer} came back as {back}");
        }
    }

    [Fact]
    public void ReturnsEqualInvoicesGivenGeneratedInvoices()
    {
        for (var seed = 0; seed < Seeds; seed++)
        {
            var random = new Random(seed);
            var invoice = Generate.Invoice(random, new CustomerId(Generate.Id(random, "C")));
            invoice = seed % 2 == 0 ? invoice : invoice with { PaymentLink = "https://pay.example.com/" + invoice.Id };
            var back = InvoiceEntityMapper.FromEntity(Reread(InvoiceEntityMapper.ToEntity(invoice, "s0001")));
            Assert.Equal(invoice, back);
        }
    }

    [Fact]
    public void ReturnsEqualPaymentsAndInteractionsGivenGeneratedValues()
    {
        for (var seed = 0; seed < Seeds; seed++)
        {
            var random = new Random(seed);
            var customerId = new CustomerId(Generate.Id(random, "C"));
            var payment = Generate.Payment(random, customerId);
            var interaction = Generate.Interaction(random, customerId);
            interaction = seed % 2 == 0 ? interaction : interaction with { Source = Interaction.PortalSource, RecordedBy = "portal:Pat Payables" };

            Assert.Equal(payment, PaymentEntityMapper.FromEntity(Reread(PaymentEntityMapper.ToEntity(payment, "s0002"))));
            Assert.Equal(interaction, InteractionEntityMapper.FromEntity(Reread(InteractionEntityMapper.ToEntity(interaction, 0, "s0002"))));
        }
    }

    [Fact]
    public void KeepsDecimalScaleGivenTrailingZeros()
    {
        var invoice = Generate.Invoice(new Random(1), new CustomerId("C1")) with { Amount = 12.50m, OpenAmount = 0.000m };

        var entity = InvoiceEntityMapper.ToEntity(invoice, "s0000");
        var back = InvoiceEntityMapper.FromEntity(entity);

        Assert.Equal("12.50", entity.GetString("amount"));
        Assert.Equal("12.50", back.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("0.000", back.OpenAmount.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void StoresDatesAsIsoTextAndEnumsAsKebabNamesGivenAnInvoice()
    {
        var invoice = Generate.Invoice(new Random(2), new CustomerId("C-7"), new InvoiceId("INV-1")) with
        {
            DueDate = new DateOnly(2026, 3, 9),
            Status = InvoiceStatus.WrittenOff,
        };

        var entity = InvoiceEntityMapper.ToEntity(invoice, "s0003");

        Assert.Equal("C-7|INV-1", entity.RowKey);
        Assert.Equal("2026-03-09", entity.GetString("dueDate"));
        Assert.Equal("written-off", entity.GetString("status"));
    }

    [Fact]
    public void StoresContactsAsCamelCaseJsonGivenACustomer()
    {
        var customer = Generate.Customer(new Random(3)) with
        {
            Contacts = [new Contact("Ann", ContactRole.ApClerk, "ann@example.com", null)],
        };

        var json = CustomerEntityMapper.ToEntity(customer, "s0000").GetString("contacts");

        Assert.Equal("""[{"name":"Ann","role":"ap-clerk","email":"ann@example.com","preferredChannel":"email"}]""", json);
    }

    [Fact]
    public void ThrowsNamingTheRowGivenAStoredValueThatIsNotADecimal()
    {
        var entity = InvoiceEntityMapper.ToEntity(Generate.Invoice(new Random(4), new CustomerId("C1"), new InvoiceId("I1")), "s0000");
        entity["amount"] = "12,50";

        var error = Assert.Throws<InvalidDataException>(() => InvoiceEntityMapper.FromEntity(entity));

        Assert.Contains("'C1|I1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'amount'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThrowsGivenAPaymentIdThatCannotBeAKeyPart()
    {
        var payment = Generate.Payment(new Random(5), new CustomerId("C1")) with { Id = "P|1" };

        var error = Assert.Throws<ArgumentException>(() => PaymentEntityMapper.ToEntity(payment, "s0000"));

        Assert.Contains("'|'", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Drops null properties, as the service does: a mapper must not rely on reading back a null it wrote.</summary>
    private static TableEntity Reread(TableEntity entity)
    {
        var copy = new TableEntity(entity.PartitionKey, entity.RowKey);
        foreach (var (name, value) in entity)
        {
            if (value is not null && name is not ("PartitionKey" or "RowKey"))
            {
                copy[name] = value;
            }
        }

        return copy;
    }
}
