using ArFunctions.Domain.Common;
using ArFunctions.Domain.Engine;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Tests.Builders;

namespace ArFunctions.Domain.Tests.Engine;

public class DataProblemScreen
{
    private const decimal Huge = 79228162514264337593543950335m;

    [Fact]
    public void FindsNothingGivenAmountsAtTheLimit()
    {
        var invoice = A.Invoice("INV-1", A.Today.AddDays(-10), AmountLimit.Max);

        Assert.Empty(DataProblem.Screen(Records(invoice)));
    }

    [Fact]
    public void NamesTheInvoiceAndFieldGivenAnAmountTheEngineCannotSum()
    {
        var invoice = A.Invoice("INV-1", A.Today.AddDays(-10), Huge) with { Promise = new PaymentPromise(A.Today, Huge, A.Today) };
        var records = Records(invoice, A.Invoice("INV-2", A.Today.AddDays(-5), 10m));

        var problems = DataProblem.Screen(records);

        Assert.Equal(["INV-1 amount", "INV-1 openAmount", "INV-1 promise.amount"], problems.Select(p => $"{p.InvoiceId} {p.Field}"));
        Assert.All(problems, p => Assert.Equal(new CustomerId("C001"), p.CustomerId));
        // Why the screen runs first: the engine itself overflows on such records.
        Assert.Throws<OverflowException>(() => CollectionsEngine.Features(records, PlannerPolicyBuilder.Policy(PlannerPolicyBuilder.Ladder(PlannerPolicyBuilder.Email("e1", 1))), A.Today));
    }

    [Fact]
    public void NamesThePaymentGivenAPaymentAmountOverTheLimit()
    {
        var invoice = A.Invoice("INV-1", A.Today.AddDays(-10), 100m);
        var records = Records(invoice) with { Payments = new ArraySegment<Payment>([A.PaymentFor(invoice, A.Today, -Huge, "P-1")]) };

        var problem = Assert.Single(DataProblem.Screen(records));

        Assert.Equal(("INV-1", "payment.amount"), (problem.InvoiceId!.Value.Value, problem.Field));
        Assert.StartsWith("payment 'P-1': ", problem.Reason, StringComparison.Ordinal);
    }

    private static CustomerRecords Records(params Invoice[] invoices) => new()
    {
        Customer = A.Customer(),
        Invoices = new ArraySegment<Invoice>(invoices),
        Ledger = [],
    };
}
