using ArFunctions.Domain.Common;

namespace ArFunctions.Domain.Engine;

/// <summary>
/// Stored data about one customer that the engine cannot work with: the customer, the invoice and field when they are
/// known, and why. A customer with a data problem is left out of the day (never half-planned) until the data is fixed.
/// </summary>
public sealed record DataProblem(CustomerId CustomerId, InvoiceId? InvoiceId, string? Field, string Reason)
{
    /// <summary>
    /// The problems found in <paramref name="records"/> before the engine runs: amounts outside
    /// <see cref="AmountLimit"/>, which would overflow the features' sums. Intake refuses them; these are rows stored
    /// before it did, or written around it.
    /// </summary>
    public static IReadOnlyList<DataProblem> Screen(in CustomerRecords records)
    {
        var problems = new List<DataProblem>();
        var customer = records.Customer.Id;
        foreach (var invoice in records.Invoices.AsSpan())
        {
            Check(problems, customer, invoice.Id, "amount", invoice.Amount);
            Check(problems, customer, invoice.Id, "openAmount", invoice.OpenAmount);
            if (invoice.Promise is { } promise)
            {
                Check(problems, customer, invoice.Id, "promise.amount", promise.Amount);
            }
        }

        foreach (var payment in records.Payments.AsSpan())
        {
            Check(problems, customer, payment.InvoiceId, "payment.amount", payment.Amount, $"payment '{payment.Id}': ");
        }

        foreach (var credit in records.Credits.AsSpan())
        {
            Check(problems, customer, credit.AppliesTo, "credit.amount", credit.Amount, $"credit '{credit.Id}': ");
        }

        return problems;
    }

    /// <summary>The problem of a customer whose records made the engine throw: what it threw, without invoice or field.</summary>
    public static DataProblem FromException(CustomerId customer, Exception exception) =>
        new(customer, null, null, $"planning failed: {exception.GetType().Name}: {exception.Message}");

    private static void Check(List<DataProblem> problems, CustomerId customer, InvoiceId? invoice, string field, decimal amount, string what = "")
    {
        if (amount > AmountLimit.Max || amount < -AmountLimit.Max)
        {
            problems.Add(new DataProblem(customer, invoice, field, what + AmountLimit.TooLarge(amount)));
        }
    }
}
