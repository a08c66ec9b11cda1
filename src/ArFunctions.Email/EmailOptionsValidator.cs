using Microsoft.Extensions.Options;

namespace ArFunctions.Email;

/// <summary>
/// Acs needs an endpoint or a connection string, a sender address, remit-to and payment instructions; Pickup needs a
/// folder; addresses given are addresses; a send ends within the claim's lease.
/// </summary>
public sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        var errors = new List<string>();
        const string Section = EmailOptions.SectionName;
        if (options.Mode == EmailMode.Acs)
        {
            if (string.IsNullOrWhiteSpace(options.Endpoint) && string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                errors.Add($"{Section}:Endpoint or {Section}:ConnectionString is required in Acs mode");
            }
            else if (!string.IsNullOrWhiteSpace(options.ConnectionString) && !Acs.AcsConnectionString.TryParse(options.ConnectionString, out _, out var error))
            {
                errors.Add($"{Section}:ConnectionString {error}");
            }
            else if (string.IsNullOrWhiteSpace(options.ConnectionString) && !Uri.TryCreate(options.Endpoint, UriKind.Absolute, out _))
            {
                errors.Add($"{Section}:Endpoint must be an absolute URI");
            }

            if (string.IsNullOrWhiteSpace(options.SenderAddress))
            {
                errors.Add($"{Section}:SenderAddress is required in Acs mode");
            }

            // Customers must be told where and how to pay: every template prints both.
            if (string.IsNullOrWhiteSpace(options.RemitTo))
            {
                errors.Add($"{Section}:RemitTo is required in Acs mode (where customers send payments; every email prints it)");
            }

            if (string.IsNullOrWhiteSpace(options.PaymentInstructions))
            {
                errors.Add($"{Section}:PaymentInstructions is required in Acs mode (how customers pay; every email prints it)");
            }
        }
        else if (string.IsNullOrWhiteSpace(options.PickupFolder))
        {
            errors.Add($"{Section}:PickupFolder is required in Pickup mode");
        }

        foreach (var (setting, address) in new[] { ("ArMailbox", options.ArMailbox), ("ReplyTo", options.ReplyTo), ("SenderAddress", options.SenderAddress) })
        {
            if (!string.IsNullOrWhiteSpace(address) && !System.Net.Mail.MailAddress.TryCreate(address.Trim(), out _))
            {
                errors.Add($"{Section}:{setting} '{address}' is not an email address");
            }
        }

        if (options.MaxSendDuration <= TimeSpan.Zero || options.MaxSendDuration >= Application.Ports.ActionClaim.Lease)
        {
            errors.Add($"{Section}:MaxSendDuration must be more than zero and less than the action claim's lease ({Application.Ports.ActionClaim.Lease.TotalSeconds:0} s)");
        }

        if (options.SendsPerMinute < 1)
        {
            errors.Add($"{Section}:SendsPerMinute must be at least 1");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
