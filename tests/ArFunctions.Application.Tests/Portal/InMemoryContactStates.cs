using ArFunctions.Application.Contacts;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;

namespace ArFunctions.Application.Tests.Portal;

internal sealed class InMemoryContactStates : IContactStateStore
{
    public Dictionary<(CustomerId, string), ContactState> States { get; } = [];

    public Task<IReadOnlyList<ContactState>> GetAsync(CustomerId customerId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ContactState>>(States.Where(s => s.Key.Item1 == customerId).OrderBy(s => s.Key.Item2, StringComparer.Ordinal).Select(s => s.Value).ToArray());

    public Task<ContactState?> UpdateAsync(CustomerId customerId, string address, Func<ContactState, ContactState?> change, CancellationToken cancellationToken)
    {
        var key = (customerId, ContactKeys.Of(address));
        var changed = change(States.GetValueOrDefault(key) ?? new ContactState(ContactKeys.Normalize(address)));
        if (changed is not null)
        {
            States[key] = changed;
        }

        return Task.FromResult(changed);
    }
}
