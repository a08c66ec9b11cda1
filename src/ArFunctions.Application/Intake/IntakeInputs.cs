namespace ArFunctions.Application.Intake;

/// <summary>
/// A customer as it arrives from an HTTP JSON body or a CSV row: plain strings and numbers, nothing trusted yet.
/// Enum values are kebab-case wire names (<c>direct-debit</c>), dates <c>yyyy-MM-dd</c>. Null means absent; required
/// fields (id, name, customerSince) are checked by <see cref="IntakeValidator"/>.
/// </summary>
public sealed record CustomerInput
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    /// <summary>ISO 3166-1 alpha-2 ("DE"); stored upper case.</summary>
    public string? Country { get; init; }

    public string? Industry { get; init; }

    public string? Type { get; init; }

    public int? CreditScore { get; init; }

    /// <summary>low, medium (default), high, critical.</summary>
    public string? RiskClass { get; init; }

    /// <summary>ach (default), card, wire, check, direct-debit.</summary>
    public string? PaymentMethod { get; init; }

    /// <summary>paper, email (default), portal, e-invoice.</summary>
    public string? InvoicingMode { get; init; }

    /// <summary>Net days; 30 when absent.</summary>
    public int? CreditTermsDays { get; init; }

    public string? CustomerSince { get; init; }

    public decimal? MarginPct { get; init; }

    public string? AssignedCollector { get; init; }

    public bool? Excluded { get; init; }

    public IReadOnlyList<ContactInput>? Contacts { get; init; }
}

/// <summary>A person at the customer, as it arrives. Needs an email or a phone.</summary>
public sealed record ContactInput
{
    public string? Name { get; init; }

    /// <summary>ap-clerk, approver, controller, cfo, other.</summary>
    public string? Role { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }

    /// <summary>email, phone, letter; when absent, email if there is one, else phone.</summary>
    public string? PreferredChannel { get; init; }

    public string? PreferredTime { get; init; }
}

/// <summary>An invoice as it arrives. Amounts in <see cref="Currency"/>, at most two decimals.</summary>
public sealed record InvoiceInput
{
    public string? Id { get; init; }

    public string? CustomerId { get; init; }

    public string? IssueDate { get; init; }

    public string? DueDate { get; init; }

    public decimal? Amount { get; init; }

    public decimal? OpenAmount { get; init; }

    public string? Currency { get; init; }

    /// <summary>open (default), paid, cancelled, written-off.</summary>
    public string? Status { get; init; }

    public DisputeInput? Dispute { get; init; }

    public PromiseInput? Promise { get; init; }

    public string? PaidOn { get; init; }

    /// <summary>Where the customer pays the invoice online: an absolute https address, at most 2,000 characters.</summary>
    public string? PaymentLink { get; init; }
}

/// <summary>A dispute on an invoice; <see cref="Category"/> is one of the policy's dispute categories.</summary>
public sealed record DisputeInput
{
    public string? Category { get; init; }

    public string? Opened { get; init; }

    public string? Resolved { get; init; }
}

/// <summary>A promise to pay <see cref="Amount"/> by <see cref="Date"/>, made on <see cref="MadeOn"/>.</summary>
public sealed record PromiseInput
{
    public string? Date { get; init; }

    public decimal? Amount { get; init; }

    public string? MadeOn { get; init; }
}

/// <summary>
/// A payment as it arrives. <see cref="CustomerId"/> may be left out: the invoice says whose it is; when given it must
/// be that customer.
/// </summary>
public sealed record PaymentInput
{
    public string? Id { get; init; }

    public string? InvoiceId { get; init; }

    public string? CustomerId { get; init; }

    public decimal? Amount { get; init; }

    public string? Currency { get; init; }

    public string? Date { get; init; }

    /// <summary>ach, card, wire, check, direct-debit.</summary>
    public string? Method { get; init; }
}

/// <summary>
/// A credit as it arrives: money the customer has to its good that no invoice has taken yet (<see cref="Domain.Invoices.Credit"/>).
/// <see cref="Amount"/> is the unapplied amount, more than 0; <see cref="AppliesTo"/>, when given, is an invoice of the
/// same customer. Overpayments come from the payment webhooks, not from intake.
/// </summary>
public sealed record CreditInput
{
    public string? Id { get; init; }

    public string? CustomerId { get; init; }

    /// <summary>credit-memo or unapplied-cash.</summary>
    public string? Kind { get; init; }

    public decimal? Amount { get; init; }

    public string? Currency { get; init; }

    /// <summary>The date of the credit memo or of the cash received.</summary>
    public string? On { get; init; }

    public string? AppliesTo { get; init; }
}

/// <summary>Customers, invoices, payments and credits imported together; each list may be empty, not all of them.</summary>
public sealed record IntakeBatch
{
    public IReadOnlyList<CustomerInput> Customers { get; init; } = [];

    public IReadOnlyList<InvoiceInput> Invoices { get; init; } = [];

    public IReadOnlyList<PaymentInput> Payments { get; init; } = [];

    public IReadOnlyList<CreditInput> Credits { get; init; } = [];
}
