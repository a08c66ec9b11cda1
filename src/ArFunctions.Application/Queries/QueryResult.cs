namespace ArFunctions.Application.Queries;

/// <summary>How a query or command ended.</summary>
public enum QueryStatus
{
    Ok,
    NotFound,
    Invalid,
}

/// <summary>
/// One problem with the input: the wire name of the field (<c>$</c> for the request as a whole), why, and for a batch
/// the position of the record in it (<see cref="Index"/>, -1 when the error is not about one record).
/// </summary>
public sealed record FieldError(string Field, string Reason)
{
    public const string Whole = "$";

    public int Index { get; init; } = -1;

    public override string ToString() => Index < 0 ? $"{Field}: {Reason}" : $"[{Index}] {Field}: {Reason}";
}

/// <summary>
/// The outcome of a read-side use case: a value, or nothing found, or the input's errors (and nothing read or written).
/// </summary>
public sealed record QueryResult<T> : IOutcome
    where T : class
{
    private QueryResult(QueryStatus status, T? value, IReadOnlyList<FieldError> errors, Failure? failure)
    {
        Status = status;
        Value = value;
        Errors = errors;
        Failure = failure;
    }

    public QueryStatus Status { get; }

    /// <summary>Set when <see cref="Status"/> is <see cref="QueryStatus.Ok"/>.</summary>
    public T? Value { get; }

    /// <summary>Empty unless <see cref="Status"/> is <see cref="QueryStatus.Invalid"/>.</summary>
    public IReadOnlyList<FieldError> Errors { get; }

    public Failure? Failure { get; }

    public static QueryResult<T> Ok(T value) => new(QueryStatus.Ok, value ?? throw new ArgumentNullException(nameof(value)), [], null);

    /// <summary>Nothing found; <paramref name="detail"/> says what was looked for.</summary>
    public static QueryResult<T> NotFound(string detail) => new(QueryStatus.NotFound, null, [], Failure.NotFound(detail));

    public static QueryResult<T> Invalid(IReadOnlyList<FieldError> errors) =>
        new(QueryStatus.Invalid, null, errors, Failure.Invalid("The request is invalid.", errors));

    public static QueryResult<T> Invalid(string field, string reason) => Invalid([new FieldError(field, reason)]);
}
