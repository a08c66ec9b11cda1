using ArFunctions.Application.Tasks;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;

namespace ArFunctions.Application.Portal;

/// <summary>
/// The visitor's account as a portal action reads it: the customer, all its invoices, and the contact the link names
/// (null when the customer's data no longer lists that address). Only the visitor's own invoices are in it, so an
/// invoice of another customer is simply not found.
/// </summary>
internal sealed record VisitorAccount(Customer Customer, IReadOnlyList<Invoice> Invoices, Contact? Contact)
{
    /// <summary>How tasks and notes name the contact (never the address).</summary>
    public string ContactName => Contact?.Name ?? "a contact of " + Customer.Name;

    /// <summary>The author of what the visitor does, as the audit names them.</summary>
    public string Author => "portal:" + ContactName;

    public TaskContact? TaskContact => Contact is { } c
        ? new TaskContact(c.Name, KebabName<ContactRole>.Format(c.Role), c.Phone, c.Email, c.PreferredTime)
        : null;

    public Invoice? Find(InvoiceId invoiceId) => Invoices.FirstOrDefault(i => i.Id == invoiceId);

    public static async Task<VisitorAccount?> LoadAsync(ITaskAccountStore accounts, PortalVisitor visitor, CancellationToken cancellationToken)
    {
        var customer = await accounts.GetCustomerAsync(visitor.CustomerId, cancellationToken).ConfigureAwait(false);
        if (customer is null)
        {
            return null;
        }

        var invoices = await accounts.GetInvoicesAsync(customer.Id, cancellationToken).ConfigureAwait(false);
        var contact = customer.Contacts.FirstOrDefault(c => IsAddress(c, visitor.Contact));
        return new VisitorAccount(customer, invoices, contact);
    }

    /// <summary>Whether the link names <paramref name="contact"/>: by its address, or by the address's key (<see cref="ContactKeys"/>).</summary>
    private static bool IsAddress(Contact contact, string named) =>
        contact.Email is { } email && (ContactKeys.Matches(contact, named) || string.Equals(ContactKeys.Of(email), named, StringComparison.Ordinal));
}
