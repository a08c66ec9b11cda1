using ArFunctions.Application.Queries;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;

namespace ArFunctions.Application.Intake;

/// <summary>
/// One problem with one record: <see cref="Index"/> is the record's position in its list (-1 for the list as a
/// whole), <see cref="Field"/> the wire path within the record (<c>contacts[1].email</c>; <c>$</c> for the whole
/// record or list). A combined <see cref="IntakeBatch"/> prefixes the path with the list: <c>invoices[3].dueDate</c>.
/// </summary>
public sealed record IntakeError(int Index, string Field, string Reason)
{
    /// <summary>The field path of an error about a whole record or list.</summary>
    public const string Whole = "$";

    public override string ToString() => Index < 0 ? $"{Field}: {Reason}" : $"[{Index}] {Field}: {Reason}";
}

/// <summary>What an intake call did: every record accepted and written, or nothing written and every error found.</summary>
public sealed record IntakeResult : IOutcome
{
    private IntakeResult(int accepted, IReadOnlyList<IntakeError> errors, string what)
    {
        Accepted = accepted;
        Errors = errors;
        What = what;
    }

    /// <summary>What the batch held: customers, invoices, payments or records.</summary>
    public string What { get; }

    public Failure? Failure => IsAccepted
        ? null
        : Failure.Invalid($"{Errors.Count} problem(s) in the {What} batch; nothing was written.", [.. Errors.Select(e => new FieldError(e.Field, e.Reason) { Index = e.Index })]);

    /// <summary>How many records were written; 0 when rejected.</summary>
    public int Accepted { get; }

    /// <summary>Empty when accepted; ordered by index.</summary>
    public IReadOnlyList<IntakeError> Errors { get; }

    public bool IsAccepted => Errors.Count == 0;

    public static IntakeResult Success(int accepted, string what) => new(accepted, [], what);

    public static IntakeResult Rejected(IReadOnlyList<IntakeError> errors, string what)
    {
        ArgumentOutOfRangeException.ThrowIfZero(errors.Count);
        return new IntakeResult(0, errors, what);
    }
}

/// <summary>The outcome of validating a batch: all records as domain objects and no errors, or no records and every error.</summary>
public sealed record IntakeValidation<T>(IReadOnlyList<T> Records, IReadOnlyList<IntakeError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// A valid payment whose customer may still be unknown: the invoice names it, and only storage knows the invoice.
/// </summary>
public sealed record PaymentDraft(
    string Id,
    InvoiceId InvoiceId,
    CustomerId? CustomerId,
    decimal Amount,
    CurrencyCode Currency,
    DateOnly Date,
    PaymentMethod Method)
{
    public Payment ToPayment(CustomerId owner) => new(Id, InvoiceId, owner, Amount, Currency, Date, Method);
}
