using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;

namespace ArFunctions.Domain.Invoices;

/// <summary>Money received against one invoice.</summary>
public sealed record Payment(
    string Id,
    InvoiceId InvoiceId,
    CustomerId CustomerId,
    decimal Amount,
    CurrencyCode Currency,
    DateOnly Date,
    PaymentMethod Method);
