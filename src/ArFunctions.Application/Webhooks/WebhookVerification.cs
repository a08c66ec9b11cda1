namespace ArFunctions.Application.Webhooks;

/// <summary>Why a webhook request failed verification.</summary>
public enum VerificationFailure
{
    None,
    MissingHeader,
    MalformedHeader,
    Stale,
    NoMatchingSignature,
}

/// <summary>The outcome of checking a webhook's signature: valid, or the failure and a reason fit for a 401 body.</summary>
public readonly record struct WebhookVerification(VerificationFailure Failure, string? Reason)
{
    public static WebhookVerification Valid { get; } = new(VerificationFailure.None, null);

    public bool IsValid => Failure == VerificationFailure.None;

    public static WebhookVerification Fail(VerificationFailure failure, string reason) => new(failure, reason);
}
