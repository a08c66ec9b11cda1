using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;

namespace ArFunctions.Application.Contacts;

/// <summary>The contact states (table ContactStates): what the mail service and the contacts themselves told us.</summary>
public interface IContactStateStore
{
    /// <summary>The customer's contact states, in key order; empty when it has none.</summary>
    Task<IReadOnlyList<ContactState>> GetAsync(CustomerId customerId, CancellationToken cancellationToken);

    /// <summary>
    /// Applies <paramref name="change"/> to the state of <paramref name="address"/> as stored now (a fresh
    /// <see cref="ContactState"/> when there is none) and writes the result under the version read, reading again on a
    /// concurrent write. Returns the state written, or null when <paramref name="change"/> returned null (nothing to do).
    /// </summary>
    Task<ContactState?> UpdateAsync(CustomerId customerId, string address, Func<ContactState, ContactState?> change, CancellationToken cancellationToken);
}
