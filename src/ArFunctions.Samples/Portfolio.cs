using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;

namespace ArFunctions.Samples;

/// <summary>A payer's behaviour: days paid after the due date, on average and spread (one standard deviation).</summary>
public sealed record PayerProfile(string Name, double MeanDaysLate, double Spread);

/// <summary>Where one customer's records sit in the portfolio's flat arrays.</summary>
public readonly record struct CustomerRange(int InvoiceStart, int InvoiceCount, int PaymentStart, int PaymentCount, int InteractionStart, int InteractionCount);

/// <summary>
/// A generated portfolio in flat arrays, grouped by customer in customer order, so an engine can slice each
/// customer's records without dictionaries: <c>Invoices.AsSpan(r.InvoiceStart, r.InvoiceCount)</c>.
/// </summary>
public sealed class Portfolio(Customer[] customers, PayerProfile[] profiles, CustomerRange[] ranges, Invoice[] invoices, Payment[] payments, Interaction[] interactions)
{
    public Customer[] Customers { get; } = customers;

    /// <summary>How each customer really pays (the generator's truth, unknown to the engine); drives simulations.</summary>
    public PayerProfile[] Profiles { get; } = profiles;

    public CustomerRange[] Ranges { get; } = ranges;

    /// <summary>Open and paid invoices, grouped by customer.</summary>
    public Invoice[] Invoices { get; } = invoices;

    public Payment[] Payments { get; } = payments;

    public Interaction[] Interactions { get; } = interactions;

    public int OpenInvoiceCount
    {
        get
        {
            var count = 0;
            foreach (var invoice in Invoices)
            {
                count += invoice.IsCollectible ? 1 : 0;
            }

            return count;
        }
    }

    public ReadOnlySpan<Invoice> InvoicesOf(int customerIndex) => Invoices.AsSpan(Ranges[customerIndex].InvoiceStart, Ranges[customerIndex].InvoiceCount);

    public ReadOnlySpan<Payment> PaymentsOf(int customerIndex) => Payments.AsSpan(Ranges[customerIndex].PaymentStart, Ranges[customerIndex].PaymentCount);

    public ReadOnlySpan<Interaction> InteractionsOf(int customerIndex) => Interactions.AsSpan(Ranges[customerIndex].InteractionStart, Ranges[customerIndex].InteractionCount);
}
