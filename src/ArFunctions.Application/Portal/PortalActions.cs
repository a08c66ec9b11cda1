using ArFunctions.Application.Contacts;
using ArFunctions.Application.Ports;
using ArFunctions.Application.Queries;
using ArFunctions.Application.Tasks;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using Microsoft.Extensions.Logging;

namespace ArFunctions.Application.Portal;

/// <summary>
/// What a customer does on the customer page, for the customer and contact a verified link names
/// (<see cref="PortalVisitor"/>): dispute an invoice, promise to pay one, ask the collector for a copy of an invoice or a
/// change of contact. Every action records an interaction with source <c>portal</c> (<see cref="Interaction.PortalSource"/>),
/// written by <c>portal:&lt;contact name&gt;</c>. A dispute has the effects of one a collector records
/// (<see cref="DisputeOpener"/>); a promise within the policy's <c>portal.promises</c> holds at once, any other becomes a
/// request task for the collector. Bad input gets every field error and changes nothing; an invoice not on the visitor's
/// account is not found. Each action is safe to repeat: its interaction and task are keyed by its content and day.
/// </summary>
public sealed partial class PortalActions(
    ITaskStore tasks,
    ITaskAccountStore accounts,
    TaskAssigner assigner,
    OptOutContact optOut,
    IPolicySource policies,
    BusinessClock clock,
    ILogger<PortalActions> logger)
{
    private readonly DisputeOpener _disputes = new(tasks, accounts);
    private readonly TaskWriter _writer = new(tasks);

    public async Task<PortalActionResult> DisputeAsync(PortalVisitor visitor, PortalDisputeInput? input, CancellationToken cancellationToken)
    {
        if (input is null)
        {
            return PortalActionResult.Invalid([new FieldError("$", "a body { invoice, category, comment } is required")]);
        }

        var errors = new List<FieldError>();
        var invoiceId = PortalInputRules.InvoiceOf(input.Invoice, errors);
        var category = TaskOutcomeValidator.DisputeCategoryOf("category", input.Category, policies.Current, errors);
        PortalInputRules.Comment("comment", input.Comment, required: true, errors);
        if (errors.Count > 0)
        {
            return PortalActionResult.Invalid(errors);
        }

        var account = await VisitorAccount.LoadAsync(accounts, visitor, cancellationToken).ConfigureAwait(false);
        if (account?.Find(invoiceId!.Value) is not { } invoice)
        {
            return NotFound(account, invoiceId!.Value);
        }

        var today = clock.Today;
        if (!invoice.IsCollectible)
        {
            return PortalActionResult.Conflict("invoice", $"invoice {invoice.Id} has nothing left to pay");
        }

        if (invoice.Dispute is { } open && open.IsOpenOn(today) && !(open.Category == category!.Id && open.OpenedBy == account.Author))
        {
            return PortalActionResult.Conflict("invoice", $"invoice {invoice.Id} is already disputed since {open.Opened:yyyy-MM-dd}");
        }

        var id = invoice.Id.Value;
        await RecordAsync(account, today, InteractionOutcome.Dispute, $"disputed {id} ({category!.Id}): {input.Comment}", cancellationToken).ConfigureAwait(false);
        var (_, raised) = await _disputes.OpenAsync(new DisputeRequest(
            accounts.ShardOf(account.Customer.Id), account.Customer.Id, account.Customer.Name, [id], [], category, $"From the customer page ({account.ContactName}): {input.Comment}",
            today, account.Author, PortalInputRules.AbsorbId("dispute", id, category.Id, today)), cancellationToken).ConfigureAwait(false);
        LogAction(account.Customer.Id.Value, "dispute", raised);
        return PortalActionResult.Done(PortalOutcome.Disputed, $"Invoice {id} is disputed ({category.Id}). Reminders for it pause while it is looked into.", raised);
    }

    public async Task<PortalActionResult> PromiseAsync(PortalVisitor visitor, PortalPromiseInput? input, CancellationToken cancellationToken)
    {
        if (input is null)
        {
            return PortalActionResult.Invalid([new FieldError("$", "a body { invoice, date, amount } is required")]);
        }

        var today = clock.Today;
        var errors = new List<FieldError>();
        var invoiceId = PortalInputRules.InvoiceOf(input.Invoice, errors);
        var date = TaskOutcomeValidator.PromiseDate("date", input.Date, today, errors);
        TaskOutcomeValidator.PromiseAmount("amount", input.Amount, errors);
        if (errors.Count > 0)
        {
            return PortalActionResult.Invalid(errors);
        }

        var account = await VisitorAccount.LoadAsync(accounts, visitor, cancellationToken).ConfigureAwait(false);
        if (account?.Find(invoiceId!.Value) is not { } invoice)
        {
            return NotFound(account, invoiceId!.Value);
        }

        if (Unpromisable(invoice, today) is { } conflict)
        {
            return conflict;
        }

        var amount = input.Amount!.Value;
        if (amount > invoice.OpenAmount)
        {
            return PortalActionResult.Invalid([new FieldError("amount", $"is more than the open amount of invoice {invoice.Id} ({PortalInputRules.Money(invoice.OpenAmount, invoice.Currency)})")]);
        }

        var promised = $"{PortalInputRules.Money(amount, invoice.Currency)} by {date:yyyy-MM-dd}";
        if (PortalInputRules.OutsideLimits(policies.Current.Portal.Promises, invoice, date!.Value, amount, today) is { } reason)
        {
            return await RequestPromiseAsync(account, invoice, promised, reason, today, cancellationToken).ConfigureAwait(false);
        }

        var promise = new PaymentPromise(date.Value, amount, today, account.Author);
        await RecordAsync(account, today, InteractionOutcome.Promise, $"promised {promised} on {invoice.Id}", cancellationToken).ConfigureAwait(false);
        await accounts.UpdateInvoicesAsync(account.Customer.Id, [invoice.Id], i => i.IsCollectible ? i with { Promise = promise } : null, cancellationToken).ConfigureAwait(false);
        LogAction(account.Customer.Id.Value, "promise-accepted", null);
        return PortalActionResult.Done(PortalOutcome.PromiseAccepted, $"Thank you: your promise to pay {promised} is recorded. Reminders for invoice {invoice.Id} pause until then.");
    }

    public async Task<PortalActionResult> RequestAsync(PortalVisitor visitor, PortalRequestInput? input, CancellationToken cancellationToken)
    {
        if (input is null)
        {
            return PortalActionResult.Invalid([new FieldError("$", "a body { kind, invoice, comment } is required")]);
        }

        var errors = new List<FieldError>();
        var kind = PortalInputRules.RequestKindOf(input.Kind, errors);
        var invoiceId = kind == PortalRequestKind.InvoiceCopy ? PortalInputRules.InvoiceOf(input.Invoice, errors) : null;
        if (kind == PortalRequestKind.ContactChange && input.Invoice is not null)
        {
            errors.Add(new FieldError("invoice", "is only for kind invoice-copy"));
        }

        PortalInputRules.Comment("comment", input.Comment, required: kind == PortalRequestKind.ContactChange, errors);
        if (errors.Count > 0)
        {
            return PortalActionResult.Invalid(errors);
        }

        var account = await VisitorAccount.LoadAsync(accounts, visitor, cancellationToken).ConfigureAwait(false);
        if (account is null || (invoiceId is { } wanted && account.Find(wanted) is null))
        {
            return NotFound(account, invoiceId ?? default);
        }

        var today = clock.Today;
        var comment = string.IsNullOrWhiteSpace(input.Comment) ? "" : ": " + input.Comment;
        var (what, invoices) = invoiceId is { } copy ? ($"a copy of invoice {copy}", new[] { copy.Value }) : ("a change of contact", []);
        var taskId = await RaiseRequestAsync(account, invoices, $"{account.ContactName} asked on the customer page for {what}{comment}", today, cancellationToken).ConfigureAwait(false);
        await RecordAsync(account, today, InteractionOutcome.None, $"asked for {what}{comment} (task {taskId})", cancellationToken).ConfigureAwait(false);
        LogAction(account.Customer.Id.Value, KebabName<PortalRequestKind>.Format(kind!.Value), taskId);
        return PortalActionResult.Done(PortalOutcome.RequestRecorded, $"Your request for {what} is with your collector, who will get back to you.", taskId);
    }

    /// <summary>Opts the link's own contact out of email reminders (<see cref="OptOutContact"/>, which records the interaction); a repeat changes nothing.</summary>
    public async Task<PortalActionResult> OptOutAsync(PortalVisitor visitor, CancellationToken cancellationToken)
    {
        var account = await VisitorAccount.LoadAsync(accounts, visitor, cancellationToken).ConfigureAwait(false);
        if (account?.Contact?.Email is not { } address)
        {
            return account is null ? NotFound(null, default) : PortalActionResult.NotFound("contact", "this link's contact is no longer on the account");
        }

        var result = await optOut.HandleAsync(new OptOutRequest(account.Customer.Id, ContactKeys.Of(address), Interaction.PortalSource), cancellationToken).ConfigureAwait(false);
        if (result.Outcome is not (OptOutOutcome.OptedOut or OptOutOutcome.AlreadyOptedOut))
        {
            return PortalActionResult.NotFound("contact", "this link's contact is no longer on the account");
        }

        LogAction(account.Customer.Id.Value, "opt-out", null);
        return PortalActionResult.Done(PortalOutcome.OptedOut, $"{account.ContactName} gets no more email reminders. Your collector may still call or write.");
    }

    private async Task<PortalActionResult> RequestPromiseAsync(VisitorAccount account, Invoice invoice, string promised, string reason, DateOnly today, CancellationToken cancellationToken)
    {
        var note = $"{account.ContactName} promised on the customer page to pay {promised} on invoice {invoice.Id}, {reason}. "
            + "Approve: record outcome promise with this date and amount. Refuse: record another outcome, with a note.";
        var taskId = await RaiseRequestAsync(account, [invoice.Id.Value], note, today, cancellationToken).ConfigureAwait(false);
        await RecordAsync(account, today, InteractionOutcome.None, $"promise requested: {promised} on {invoice.Id}, {reason} (task {taskId})", cancellationToken).ConfigureAwait(false);
        LogAction(account.Customer.Id.Value, "promise-requested", taskId);
        return PortalActionResult.Done(
            PortalOutcome.PromiseRequested, $"Your promise to pay {promised} is {reason}, so it is recorded as a request: your collector will approve it or get back to you.", taskId);
    }

    /// <summary>The customer's request task for their collector (one open at a time; each request merges into it once).</summary>
    private async Task<string> RaiseRequestAsync(VisitorAccount account, IReadOnlyList<string> invoices, string note, DateOnly today, CancellationToken cancellationToken)
    {
        var customer = account.Customer;
        var draft = new TaskDraft(
            accounts.ShardOf(customer.Id), customer.Id, customer.Name, TaskKind.Request, TaskSlots.Request, PortalInputRules.AbsorbId("request", note, today),
            invoices, [], today, Contact: account.TaskContact, Note: note);
        var (_, task) = await _writer.WriteAsync(draft, token => assigner.AssignCollectorAsync(customer, token), account.Invoices, cancellationToken).ConfigureAwait(false);
        return task.TaskId;
    }

    private Task RecordAsync(VisitorAccount account, DateOnly today, InteractionOutcome outcome, string note, CancellationToken cancellationToken) =>
        accounts.AddInteractionAsync(new Interaction(account.Customer.Id, today, InteractionKind.Note, outcome, "portal: " + note, account.Author, Interaction.PortalSource), cancellationToken);

    private static PortalActionResult? Unpromisable(Invoice invoice, DateOnly today) =>
        !invoice.IsCollectible ? PortalActionResult.Conflict("invoice", $"invoice {invoice.Id} has nothing left to pay")
        : invoice.Dispute?.IsOpenOn(today) == true ? PortalActionResult.Conflict("invoice", $"invoice {invoice.Id} is disputed: your collector will be in touch")
        : null;

    private static PortalActionResult NotFound(VisitorAccount? account, InvoiceId invoiceId) => account is null
        ? PortalActionResult.NotFound("customer", "this link's account is no longer here")
        : PortalActionResult.NotFound("invoice", $"no invoice '{Failure.Quote(invoiceId.Value)}' on this account");

    [LoggerMessage(LogLevel.Information, "Portal action {Action} by customer {CustomerId} (task {TaskId})")]
    private partial void LogAction(string customerId, string action, string? taskId);
}
