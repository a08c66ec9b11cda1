namespace ArFunctions.Application.Queries;

/// <summary>How a query or command ended: the HTTP layer maps <see cref="Ok"/> to 200, <see cref="NotFound"/> to 404, <see cref="Invalid"/> to 400.</summary>
public enum QueryStatus
{
    Ok,
    NotFound,
    Invalid,
}

/// <summary>One problem with the input: the wire name of the field (<c>$</c> for the request as a whole) and why.</summary>
public sealed record FieldError(string Field, string Reason)
{
    public const string Whole = "$";

    public override string ToString() => $"{Field}: {Reason}";
}

/// <summary>
/// The outcome of a read-side use case: a value, or nothing found, or the input's errors (and nothing read or written).
/// </summary>
public sealed record QueryResult<T>
    where T : class
{
    private QueryResult(QueryStatus status, T? value, IReadOnlyList<FieldError> errors)
    {
        Status = status;
        Value = value;
        Errors = errors;
    }

    public QueryStatus Status { get; }

    /// <summary>Set when <see cref="Status"/> is <see cref="QueryStatus.Ok"/>.</summary>
    public T? Value { get; }

    /// <summary>Empty unless <see cref="Status"/> is <see cref="QueryStatus.Invalid"/>.</summary>
    public IReadOnlyList<FieldError> Errors { get; }

    public static QueryResult<T> Ok(T value) => new(QueryStatus.Ok, value ?? throw new ArgumentNullException(nameof(value)), []);

    public static QueryResult<T> NotFound() => new(QueryStatus.NotFound, null, []);

    public static QueryResult<T> Invalid(IReadOnlyList<FieldError> errors)
    {
        ArgumentOutOfRangeException.ThrowIfZero(errors.Count);
        return new QueryResult<T>(QueryStatus.Invalid, null, errors);
    }

    public static QueryResult<T> Invalid(string field, string reason) => Invalid([new FieldError(field, reason)]);
}
