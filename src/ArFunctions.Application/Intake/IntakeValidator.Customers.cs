using System.Text.RegularExpressions;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;

namespace ArFunctions.Application.Intake;

public static partial class IntakeValidator
{
    private static Customer? ReadCustomer(CustomerInput input, RecordCheck check, DateOnly today)
    {
        var id = check.Key("id", input.Id);
        var name = check.Text("name", input.Name, MaxTextLength, required: true);
        var country = ReadCountry(input.Country, check);
        var industry = check.Text("industry", input.Industry, MaxTextLength);
        var type = check.Text("type", input.Type, MaxTextLength);
        var creditScore = check.Range("creditScore", input.CreditScore, 0, 100);
        var riskClass = check.Enum<RiskClass>("riskClass", input.RiskClass);
        var paymentMethod = check.Enum<PaymentMethod>("paymentMethod", input.PaymentMethod);
        var invoicingMode = check.Enum<InvoicingMode>("invoicingMode", input.InvoicingMode);
        var creditTerms = check.Range("creditTermsDays", input.CreditTermsDays, 0, 365);
        var since = check.PastDate("customerSince", input.CustomerSince, today, required: true);
        var margin = check.Range("marginPct", input.MarginPct, -100m, 100m);
        var collector = check.Key("assignedCollector", input.AssignedCollector, required: false);
        var contacts = ReadContacts(input.Contacts, check);
        if (check.HasErrors)
        {
            return null;
        }

        return new Customer
        {
            Id = new CustomerId(id!),
            Name = name!,
            Country = country ?? "",
            Industry = industry ?? "",
            Type = type ?? "",
            CreditScore = creditScore,
            RiskClass = riskClass ?? RiskClass.Medium,
            PaymentMethod = paymentMethod ?? PaymentMethod.Ach,
            InvoicingMode = invoicingMode ?? InvoicingMode.Email,
            CreditTermsDays = creditTerms ?? 30,
            CustomerSince = since!.Value,
            MarginPct = margin,
            AssignedCollector = collector,
            Excluded = input.Excluded ?? false,
            Contacts = contacts,
        };
    }

    /// <summary>Two ASCII letters, stored upper case; blank is unknown.</summary>
    private static string? ReadCountry(string? value, RecordCheck check)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var code = value.Trim().ToUpperInvariant();
        if (code.Length != 2 || !char.IsAsciiLetterUpper(code[0]) || !char.IsAsciiLetterUpper(code[1]))
        {
            check.Fail("country", $"'{value}' is not an ISO 3166-1 alpha-2 country code (two letters)");
            return null;
        }

        return code;
    }

    private static Contact[] ReadContacts(IReadOnlyList<ContactInput?>? inputs, RecordCheck check)
    {
        if (inputs is null || inputs.Count == 0)
        {
            return [];
        }

        if (inputs.Count > MaxContacts)
        {
            check.Fail("contacts", $"has {inputs.Count} contacts; at most {MaxContacts} per customer");
            return [];
        }

        var contacts = new List<Contact>(inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i] is not { } input)
            {
                check.Fail($"contacts[{i}]", "the contact is empty (null)");
            }
            else if (ReadContact(input, check.Nested($"contacts[{i}]")) is { } contact)
            {
                contacts.Add(contact);
            }
        }

        return [.. contacts];
    }

    private static Contact? ReadContact(ContactInput input, RecordCheck check)
    {
        var name = check.Text("name", input.Name, MaxTextLength, required: true);
        var role = check.Enum<ContactRole>("role", input.Role, required: true);
        var hasEmail = !string.IsNullOrWhiteSpace(input.Email);
        var hasPhone = !string.IsNullOrWhiteSpace(input.Phone);
        var email = hasEmail ? ReadEmail(input.Email!, check) : null;
        var phone = hasPhone ? ReadPhone(input.Phone!, check) : null;
        if (!hasEmail && !hasPhone)
        {
            check.Fail("email", "a contact needs an email or a phone");
        }

        var channel = check.Enum<ContactChannel>("preferredChannel", input.PreferredChannel);
        if ((channel == ContactChannel.Email && !hasEmail) || (channel == ContactChannel.Phone && !hasPhone))
        {
            check.Fail("preferredChannel", $"is {KebabName<ContactChannel>.Format(channel.Value)} but the contact has no {KebabName<ContactChannel>.Format(channel.Value)}");
        }

        var preferredTime = check.Text("preferredTime", input.PreferredTime, MaxTextLength);
        if (check.HasErrors)
        {
            return null;
        }

        return new Contact(name!, role!.Value, email, phone, channel ?? (hasEmail ? ContactChannel.Email : ContactChannel.Phone), preferredTime);
    }

    /// <summary>One bare mailbox (<see cref="EmailAddresses"/>), the same rule for every edge.</summary>
    private static string? ReadEmail(string value, RecordCheck check)
    {
        var email = check.Text("email", value, EmailAddresses.MaxLength);
        if (email is null)
        {
            return null;
        }

        if (EmailAddresses.Problem(email) is { } problem)
        {
            check.Fail("email", $"'{Queries.Failure.Quote(value)}' {problem}");
            return null;
        }

        return email;
    }

    /// <summary>6 to 15 digits (E.164's maximum) with the usual punctuation, and an optional extension ("x12", "ext. 12").</summary>
    private static string? ReadPhone(string value, RecordCheck check)
    {
        var phone = check.Text("phone", value, 40);
        if (phone is null)
        {
            return null;
        }

        var match = PhoneShape().Match(phone);
        var digits = match.Success ? match.Groups["number"].Value.Count(char.IsAsciiDigit) : 0;
        if (digits is < 6 or > 15)
        {
            check.Fail("phone", $"'{value}' is not a phone number (6 to 15 digits, optionally a leading + and an extension such as x12)");
            return null;
        }

        return phone;
    }

    [GeneratedRegex(@"^(?<number>\+?[0-9() .\-/]+?)\s*(?:(?:x|ext\.?)\s*[0-9]{1,6})?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PhoneShape();
}
