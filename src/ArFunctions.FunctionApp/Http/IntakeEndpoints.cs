using ArFunctions.Application.Intake;

namespace ArFunctions.FunctionApp.Http;

/// <summary>
/// PUT /api/customers, /api/invoices, /api/payments: bulk upserts of a JSON array. The whole batch is validated
/// first; any error answers 400 with every error (index, field, reason) and writes nothing.
/// </summary>
internal static class IntakeEndpoints
{
    public sealed record IntakeAccepted(int Accepted);

    public static void MapIntake(this IEndpointRouteBuilder app)
    {
        app.MapFunction("PutCustomers", "PUT", "customers",
            (HttpRequest request, Intake intake, CancellationToken ct) => UpsertAsync<CustomerInput>(request, "customers", intake.UpsertCustomersAsync, ct));
        app.MapFunction("PutInvoices", "PUT", "invoices",
            (HttpRequest request, Intake intake, CancellationToken ct) => UpsertAsync<InvoiceInput>(request, "invoices", intake.UpsertInvoicesAsync, ct));
        app.MapFunction("PutPayments", "PUT", "payments",
            (HttpRequest request, Intake intake, CancellationToken ct) => UpsertAsync<PaymentInput>(request, "payments", intake.UpsertPaymentsAsync, ct));
    }

    private static async Task<IResult> UpsertAsync<T>(
        HttpRequest request, string what, Func<IReadOnlyList<T>, CancellationToken, Task<IntakeResult>> upsert, CancellationToken cancellationToken)
    {
        var (records, problem) = await JsonBody.ReadAsync<List<T>>(request, cancellationToken).ConfigureAwait(false);
        if (records is null)
        {
            return problem!;
        }

        if (records.Any(r => r is null))
        {
            return Problems.Invalid($"The {what} batch holds null entries; nothing was written.",
                [.. records.Select((r, i) => (r, i)).Where(x => x.r is null).Select(x => new FieldError(x.i, "$", "is null"))]);
        }

        var result = await upsert(records, cancellationToken).ConfigureAwait(false);
        return result.IsAccepted
            ? TypedResults.Ok(new IntakeAccepted(result.Accepted))
            : Problems.Invalid($"{result.Errors.Count} problem(s) in the {what} batch; nothing was written.", [.. result.Errors.Select(e => new FieldError(e.Index, e.Field, e.Reason))]);
    }
}
