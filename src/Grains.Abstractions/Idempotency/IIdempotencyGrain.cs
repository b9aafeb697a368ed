using Orleans.Concurrency;

namespace Quartermaster.Grains.Abstractions.Idempotency;

/// <summary>One Idempotency-Key of one caller. Key: {tenantId or "admin"}/{idempotency key}.</summary>
[Alias("qm.IIdempotencyGrain")]
public interface IIdempotencyGrain : IGrainWithStringKey
{
    /// <param name="fingerprint">Hash of method, path and body: the same key with another fingerprint is refused.</param>
    [Alias("Begin")]
    Task<IdempotencyDecision> Begin(string fingerprint);

    [Alias("Complete")]
    Task Complete(string fingerprint, StoredResponse response);

    /// <summary>
    /// Like <see cref="Complete"/> for a response that shows a secret: it is kept sealed and replayed as it was;
    /// <paramref name="withoutSecret"/> is replayed instead if the sealed one cannot be opened (the key it was
    /// sealed with is gone).
    /// </summary>
    [Alias("CompleteShowingSecret")]
    Task CompleteShowingSecret(string fingerprint, StoredResponse response, StoredResponse withoutSecret);

    /// <summary>
    /// Keeps the key in progress for another <see cref="IdempotencyLease.Duration"/>; false if this request no
    /// longer holds it (it lapsed and was taken over, or the key's activation was lost with its silo).
    /// </summary>
    [AlwaysInterleave, Alias("Renew")]
    Task<bool> Renew(string fingerprint);

    /// <summary>Gives the key back after a failure that is safe to retry, so the retry does the work.</summary>
    [Alias("Abandon")]
    Task Abandon(string fingerprint);

    /// <summary>
    /// Waits for the request in progress with this key and fingerprint; null if it was abandoned, took too
    /// long, another request took the key over, or its lease lapsed unrenewed (its holder died: a new Begin
    /// now proceeds).
    /// </summary>
    [AlwaysInterleave, Alias("WaitForResponse")]
    Task<StoredResponse?> WaitForResponse(string fingerprint, TimeSpan timeout);
}
