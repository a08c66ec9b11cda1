namespace ArFunctions.Domain.Customers;

/// <summary>How the customer usually pays. Wire name: kebab-case (<c>direct-debit</c>).</summary>
public enum PaymentMethod
{
    Ach,
    Card,
    Wire,
    Check,
    DirectDebit,
}

/// <summary>How invoices reach the customer. Wire name: kebab-case (<c>e-invoice</c>).</summary>
public enum InvoicingMode
{
    Paper,
    Email,
    Portal,
    EInvoice,
}

/// <summary>A contact's part in the customer's payment process. Wire name: kebab-case (<c>ap-clerk</c>).</summary>
public enum ContactRole
{
    ApClerk,
    Approver,
    Controller,
    Cfo,
    Other,
}

/// <summary>How a contact prefers to be reached.</summary>
public enum ContactChannel
{
    Email,
    Phone,
    Letter,
}

/// <summary>The credit team's risk class for a customer, from least to most risky.</summary>
public enum RiskClass
{
    Low,
    Medium,
    High,
    Critical,
}
