using System.Globalization;
using ArFunctions.Domain.Common;
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
    /// An email skips the contacts whose address <paramref name="states"/> marks unusable or opted out
    /// (<see cref="ContactState.TakesEmail"/>); calls and letters do not look at them.
    /// </summary>
    public static Contact? Choose(
        IReadOnlyList<Contact> contacts, ContactRole? role, ActionKind channel, IReadOnlyList<ContactRole> fallbackOrder, IReadOnlyList<ContactState>? states = null)
    {
        var first = role ?? (fallbackOrder.Count > 0 ? fallbackOrder[0] : null);
        if (first is { } firstRole && FirstUsable(contacts, firstRole, channel, states) is { } preferred)
        {
            return preferred;
        }

        for (var i = 0; i < fallbackOrder.Count; i++)
        {
            if (fallbackOrder[i] != first && FirstUsable(contacts, fallbackOrder[i], channel, states) is { } fallback)
            {
                return fallback;
            }
        }

        for (var i = 0; i < contacts.Count; i++)
        {
            if (CanUse(contacts[i], channel, states))
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

    /// <summary>Whether <paramref name="contact"/> can be reached on <paramref name="channel"/> with what <paramref name="states"/> say of its address.</summary>
    public static bool CanUse(Contact contact, ActionKind channel, IReadOnlyList<ContactState>? states) =>
        CanUse(contact, channel) && (channel != ActionKind.Email || BlockedBy(contact, states) is null);

    /// <summary>The state that stops emails to <paramref name="contact"/> (unusable or opted out), or null when none does.</summary>
    public static ContactState? BlockedBy(Contact contact, IReadOnlyList<ContactState>? states)
    {
        if (states is null || contact.Email is not { } email)
        {
            return null;
        }

        for (var i = 0; i < states.Count; i++)
        {
            if (!states[i].TakesEmail && ContactKeys.Matches(contact, states[i].Address))
            {
                return states[i];
            }
        }

        return null;
    }

    /// <summary>Why emails skip <paramref name="contact"/>, in the decision log's words: "Ann Clerk (ap-clerk): email bounced on 2026-11-02".</summary>
    public static string WhyBlocked(Contact contact, ContactState state)
    {
        var who = $"{contact.Name} ({KebabName<ContactRole>.Format(contact.Role)})";
        return state.Unusable is { } unusable
            ? $"{who}: email {KebabName<UnusableStatus>.Format(unusable.Status)} on {DateOf(unusable.At)}"
            : $"{who}: opted out of email on {DateOf(state.OptedOut!.At)}";
    }

    /// <summary>Why emails skip each of <paramref name="contacts"/> that <paramref name="states"/> block, joined by "; "; null when none is blocked.</summary>
    public static string? WhyNoEmail(IReadOnlyList<Contact> contacts, IReadOnlyList<ContactState>? states)
    {
        List<string>? reasons = null;
        foreach (var contact in contacts)
        {
            if (BlockedBy(contact, states) is { } state)
            {
                (reasons ??= []).Add(WhyBlocked(contact, state));
            }
        }

        return reasons is null ? null : string.Join("; ", reasons);
    }

    private static string DateOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Contact? FirstUsable(IReadOnlyList<Contact> contacts, ContactRole role, ActionKind channel, IReadOnlyList<ContactState>? states)
    {
        for (var i = 0; i < contacts.Count; i++)
        {
            if (contacts[i].Role == role && CanUse(contacts[i], channel, states))
            {
                return contacts[i];
            }
        }

        return null;
    }
}
