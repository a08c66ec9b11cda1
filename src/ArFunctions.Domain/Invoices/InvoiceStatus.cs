namespace ArFunctions.Domain.Invoices;

/// <summary>Where an invoice stands. Only <see cref="Open"/> invoices are chased.</summary>
public enum InvoiceStatus
{
    Open,
    Paid,
    Cancelled,
    WrittenOff,
}
