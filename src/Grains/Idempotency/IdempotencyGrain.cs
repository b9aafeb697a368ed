using Microsoft.Extensions.Logging;
using Quartermaster.Grains.Abstractions.Idempotency;
using Quartermaster.Grains.Hosting;

namespace Quartermaster.Grains.Idempotency;

/// <summary>
/// Remembers the first response to one Idempotency-Key for 24 hours. The request in progress is held only
/// in memory, as a short lease its frontend renews while the request runs: if that frontend (or this
/// activation's silo) dies, the lease lapses within seconds and a retry does the work, which the resources'
/// own client ids keep from happening twice.
/// </summary>
public sealed partial class IdempotencyGrain(
    [PersistentState(StateNames.Idempotency, StorageNames.Ephemeral)] IPersistentState<IdempotencyState> state,
    ResponseSealer sealer,
    [FromKeyedServices(ClockNames.Business)] TimeProvider clock,
    ILogger<IdempotencyGrain> logger)
    : Grain, IIdempotencyGrain
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    private string? _inProgress;
    private DateTimeOffset _leaseEnds;
    private TaskCompletionSource<StoredResponse?>? _waiters;

    public async Task<IdempotencyDecision> Begin(string fingerprint)
    {
        var now = clock.GetUtcNow();
        if (state.State.Response is not null && now - state.State.CompletedAt > Retention)
        {
            await state.ClearOrDropAsync(this);
        }

        if (state.State.Response is { } stored)
        {
            return state.State.Fingerprint == fingerprint
                ? new IdempotencyDecision(IdempotencyVerdict.Replay, Replayed(stored))
                : new IdempotencyDecision(IdempotencyVerdict.KeyReused, null);
        }

        if (_inProgress is not null && now < _leaseEnds)
        {
            return new IdempotencyDecision(_inProgress == fingerprint ? IdempotencyVerdict.InProgress : IdempotencyVerdict.KeyReused, null);
        }

        // A lease that ran out is taken over: whoever waited on it must not get the new request's response.
        EndLease(null);
        _inProgress = fingerprint;
        _leaseEnds = now + IdempotencyLease.Duration;
        return new IdempotencyDecision(IdempotencyVerdict.Proceed, null);
    }

    public Task<bool> Renew(string fingerprint)
    {
        var now = clock.GetUtcNow();
        if (_inProgress != fingerprint || now >= _leaseEnds)
        {
            return Task.FromResult(false);
        }

        _leaseEnds = now + IdempotencyLease.Duration;
        return Task.FromResult(true);
    }

    public Task Complete(string fingerprint, StoredResponse response) => CompleteAsync(fingerprint, response, response, sealedResponse: null);

    public Task CompleteShowingSecret(string fingerprint, StoredResponse response, StoredResponse withoutSecret) =>
        CompleteAsync(fingerprint, response, withoutSecret, sealer.Seal(response, SealBinding(fingerprint)));

    private async Task CompleteAsync(string fingerprint, StoredResponse response, StoredResponse kept, byte[]? sealedResponse)
    {
        // Another request's lease (it took the key over after this one's lapsed) wins. No lease at all means this
        // activation never saw the request begin: the one that did went with its silo (a shutdown mid-request), and
        // this is still the key's first response, which its retries must get instead of doing the work again.
        if ((_inProgress is not null && _inProgress != fingerprint) || state.State.Response is not null)
        {
            return;
        }

        state.State.Fingerprint = fingerprint;
        state.State.Response = kept;
        state.State.SealedResponse = sealedResponse;
        state.State.CompletedAt = clock.GetUtcNow();
        await state.WriteOrDropAsync(this);
        EndLease(response);
    }

    public Task Abandon(string fingerprint)
    {
        if (_inProgress == fingerprint)
        {
            EndLease(null);
        }

        return Task.CompletedTask;
    }

    public async Task<StoredResponse?> WaitForResponse(string fingerprint, TimeSpan timeout)
    {
        var giveUpAt = clock.GetUtcNow() + timeout;
        while (true)
        {
            if (state.State.Response is { } stored)
            {
                return state.State.Fingerprint == fingerprint ? Replayed(stored) : null;
            }

            var now = clock.GetUtcNow();
            if (_inProgress != fingerprint || now >= _leaseEnds || now >= giveUpAt)
            {
                return null;
            }

            // Wake at the response, or when the lease would lapse: if it was renewed meanwhile, wait on.
            _waiters ??= new TaskCompletionSource<StoredResponse?>(TaskCreationOptions.RunContinuationsAsynchronously);
            var waiting = _waiters.Task;
            var wakeAt = _leaseEnds < giveUpAt ? _leaseEnds : giveUpAt;
            if (await Task.WhenAny(waiting, Task.Delay(wakeAt - now, clock)) == waiting)
            {
                return await waiting;
            }
        }
    }

    /// <summary>The first response as it was: opened from its seal if it showed a secret, else as kept.</summary>
    private StoredResponse Replayed(StoredResponse kept)
    {
        if (state.State.SealedResponse is not { } sealedResponse)
        {
            return kept;
        }

        if (sealer.TryOpen(sealedResponse, SealBinding(state.State.Fingerprint!)) is { } opened)
        {
            return opened;
        }

        LogSealedResponseUnreadable(this.GetPrimaryKeyString());
        return kept;
    }

    private string SealBinding(string fingerprint) => this.GetPrimaryKeyString() + "\n" + fingerprint;

    private void EndLease(StoredResponse? response)
    {
        _inProgress = null;
        _waiters?.TrySetResult(response);
        _waiters = null;
    }

    [LoggerMessage(EventId = 2015, Level = LogLevel.Warning, Message = "The sealed first response of Idempotency-Key {Key} cannot be opened with this silo's Webhooks:SecretKey; its replay says the resource exists without showing the secret")]
    private partial void LogSealedResponseUnreadable(string key);
}
