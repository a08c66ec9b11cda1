using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;

namespace ArFunctions.Domain.Tests.Common;

public class KebabNameFormat
{
    [Theory]
    [InlineData(PaymentMethod.DirectDebit, "direct-debit")]
    [InlineData(PaymentMethod.Ach, "ach")]
    [InlineData(InvoicingMode.EInvoice, "e-invoice")]
    public void WritesPascalCaseAsKebabCase(Enum value, string expected) =>
        Assert.Equal(expected, value switch
        {
            PaymentMethod p => KebabName<PaymentMethod>.Format(p),
            InvoicingMode m => KebabName<InvoicingMode>.Format(m),
            _ => throw new InvalidOperationException(),
        });

    [Fact]
    public void ParsesNamesIgnoringCase()
    {
        Assert.True(KebabName<ContactRole>.TryParse("AP-Clerk", out var role));
        Assert.Equal(ContactRole.ApClerk, role);
    }

    [Fact]
    public void RejectsUnknownNames() => Assert.False(KebabName<ContactRole>.TryParse("ceo", out _));

    [Theory]
    [InlineData("a/b")]
    [InlineData("a#b")]
    [InlineData("a|b")]
    [InlineData("")]
    [InlineData("tab\there")]
    public void RejectsIdentifiersTableStorageCannotKey(string value) =>
        Assert.False(CustomerId.TryCreate(value, out _, out _));
}
