using ArFunctions.Application.Access;
using ArFunctions.Application.Intake;
using ArFunctions.Application.Queries;
using ArFunctions.FunctionApp.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace ArFunctions.FunctionApp.Http;

/// <summary>
/// PUT /api/customers, /api/invoices, /api/payments, /api/credits: bulk upserts of a JSON array. The whole batch is validated
/// first; any error answers 400 with every error (index, field, reason) and writes nothing.
/// </summary>
public sealed class IntakeFunctions(Intake intake)
{
    public sealed record IntakeAccepted(int Accepted);

    [Function("PutCustomers")]
    [Callers(Audience.Machines, Role.Admin)]
    [MaxBody(MaxBodyAttribute.Bulk)]
    [ApiSummary("Upserts a batch of customers; a batch with any error writes nothing.")]
    public Task<IActionResult> PutCustomersAsync(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "customers")] HttpRequest request, CancellationToken cancellationToken) =>
        UpsertAsync<CustomerInput>(request, "customers", intake.UpsertCustomersAsync, cancellationToken).ToActionAsync();

    [Function("PutInvoices")]
    [Callers(Audience.Machines, Role.Admin)]
    [MaxBody(MaxBodyAttribute.Bulk)]
    [ApiSummary("Upserts a batch of invoices; a batch with any error writes nothing.")]
    public Task<IActionResult> PutInvoicesAsync(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "invoices")] HttpRequest request, CancellationToken cancellationToken) =>
        UpsertAsync<InvoiceInput>(request, "invoices", intake.UpsertInvoicesAsync, cancellationToken).ToActionAsync();

    [Function("PutPayments")]
    [Callers(Audience.Machines, Role.Admin)]
    [MaxBody(MaxBodyAttribute.Bulk)]
    [ApiSummary("Upserts a batch of payments; a batch with any error writes nothing.")]
    public Task<IActionResult> PutPaymentsAsync(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "payments")] HttpRequest request, CancellationToken cancellationToken) =>
        UpsertAsync<PaymentInput>(request, "payments", intake.UpsertPaymentsAsync, cancellationToken).ToActionAsync();

    [Function("PutCredits")]
    [Callers(Audience.Machines, Role.Admin)]
    [MaxBody(MaxBodyAttribute.Bulk)]
    [ApiSummary("Upserts a batch of credits (credit memos, unapplied cash); a batch with any error writes nothing.")]
    public Task<IActionResult> PutCreditsAsync(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "credits")] HttpRequest request, CancellationToken cancellationToken) =>
        UpsertAsync<CreditInput>(request, "credits", intake.UpsertCreditsAsync, cancellationToken).ToActionAsync();

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
                [.. records.Select((r, i) => (r, i)).Where(x => x.r is null).Select(x => new FieldError(FieldError.Whole, "is null") { Index = x.i })]);
        }

        var result = await upsert(records, cancellationToken).ConfigureAwait(false);
        return result.ToHttp(() => TypedResults.Ok(new IntakeAccepted(result.Accepted)));
    }
}
