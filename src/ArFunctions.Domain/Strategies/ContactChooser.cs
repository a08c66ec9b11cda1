using ArFunctions.Domain.Customers;

namespace ArFunctions.Domain.Strategies;

/// <summary>Whom a customer-facing action addresses.</summary>
public static class ContactChooser
{
    /// <summary>
    /// The contact to address on <paramref name="channel"/>, or null when the customer has none usable.
    /// Usable: an email needs an email address, a call a phone number, a letter any contact.
    /// Tried in order, taking the first usable contact of each role in the customer's list order:
    /// <list type="number">
    /// <item>the step's <paramref name="role"/>, or the first role of <paramref name="fallbackOrder"/> when the step names none;</item>
    /// <item>the other roles of <paramref name="fallbackOrder"/>, in order;</item>
    /// <item>any usable contact, in the customer's list order.</item>
    /// </list>
    /// </summary>
    public static Contact? Choose(IReadOnlyList<Contact> contacts, ContactRole? role, ActionKind channel, IReadOnlyList<ContactRole> fallbackOrder)
    {
        var first = role ?? (fallbackOrder.Count > 0 ? fallbackOrder[0] : null);
        if (first is { } firstRole && FirstUsable(contacts, firstRole, channel) is { } preferred)
        {
            return preferred;
        }

        for (var i = 0; i < fallbackOrder.Count; i++)
        {
            if (fallbackOrder[i] != first && FirstUsable(contacts, fallbackOrder[i], channel) is { } fallback)
            {
                return fallback;
            }
        }

        for (var i = 0; i < contacts.Count; i++)
        {
            if (CanUse(contacts[i], channel))
            {
                return contacts[i];
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="contact"/> can be reached on <paramref name="channel"/>; never for internal tasks.</summary>
    public static bool CanUse(Contact contact, ActionKind channel) => channel switch
    {
        ActionKind.Email => contact.CanEmail,
        ActionKind.Call => contact.CanCall,
        ActionKind.Letter => true,
        _ => false,
    };

    private static Contact? FirstUsable(IReadOnlyList<Contact> contacts, ContactRole role, ActionKind channel)
    {
        for (var i = 0; i < contacts.Count; i++)
        {
            if (contacts[i].Role == role && CanUse(contacts[i], channel))
            {
                return contacts[i];
            }
        }

        return null;
    }
}
