using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Quartermaster.Grains.Abstractions.Catalog;
using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Hosting;
using Quartermaster.Grains.Telemetry;

namespace Quartermaster.Grains.Stock;

/// <summary>
/// The single writer of one stock item. Commands are queued and applied in batches: each batch is one
/// conditional write, and every caller in it is answered only after that write commits (group commit).
/// Reentrant so that callers can queue while a write is in flight; the state changes only inside
/// <see cref="FlushAsync"/>, between writes, so interleaving never sees half a batch. Memory holds the levels,
/// the active holds, the unwritten ledger tail and a window of recent ids; the history is read from
/// <see cref="IStockHistory"/> when asked for.
/// <para>
/// The state is read and written through the stock storage provider directly rather than through Orleans'
/// persistent-state facet, because a silo holds stock items by the million: the facet gives every activation a
/// storage bridge, a grain lifecycle with its observer lists and a migration registration (about 370 bytes), and
/// every write a queued operation with a scheduling hop. Nothing here needs what it adds: the grain writes from one
/// flush at a time, and activations are never migrated with their state.
/// </para>
/// </summary>
[Reentrant]
public sealed class StockItemGrain(StockItemServices services)
    : Grain, IStockItemGrain, IRemindable
{
    private readonly GrainState<StockItemState> _stored = new(new StockItemState());
    private StockItemKey _key;
    private StockWriteMachinery? _machinery;
    private bool _catalogChecked;
    private HoldExpiry? _expiry;
    private long _confirmedAt;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = GrainKeys.ParseStockItem(this.GetPrimaryKeyString());
        _confirmedAt = services.Settling.Now;
        await ReadStateAsync();
        if (_stored.RecordExists)
        {
            // Stored, so it passed its catalog check when first written; sharing now also reaches the book that
            // the expiry work below may build before any call checks the catalog.
            _key = _key.WithSharedIds();
        }

        await ScheduleExpiryAsync();
    }

    public async Task<Outcome<StockLevels>> Get()
    {
        ThrowIfBroken();
        if (await CheckCatalogAsync() is { } missing)
        {
            return missing;
        }

        await ConfirmIfSettlingAsync();

        return await InForceAsync(Committed);
    }

    public Task<Outcome<StockLevels>> Apply(Movement movement) =>
        SubmitAsync((book, now) => book.Apply(movement, now));

    public Task<Outcome<bool>> ApplyIfNew(Movement movement) =>
        SubmitAsync((book, now) =>
        {
            var (outcome, changed) = book.Apply(movement, now);
            return new BookResult<bool>(outcome.Failure is { } failure ? failure : Outcome<bool>.Ok(changed), changed);
        });

    public async Task<Outcome<HoldView>> PlaceHold(HoldRequest request)
    {
        var outcome = await SubmitAsync((book, now) => book.PlaceHold(request, now));
        QuartermasterMetrics.HoldPlaced(outcome.Failure?.Code switch
        {
            null => "placed",
            FailureCode.InsufficientStock => "insufficient_stock",
            FailureCode.NotFound => "not_found",
            _ => "conflict",
        });
        return outcome;
    }

    public Task<Outcome<HoldView>> GetHold(string holdId) =>
        SubmitAsync((book, _) => book.ViewHold(holdId), holdId);

    public Task<Outcome<HoldView>> ReleaseHold(string holdId) =>
        SubmitAsync((book, now) => book.EndHold(holdId, HoldStatus.Released, now), holdId);

    public Task<Outcome<HoldView>> RevokeHold(string holdId) =>
        SubmitAsync((book, now) => book.RevokeHold(holdId, now), holdId);

    public Task<Outcome<HoldView>> CommitHold(string holdId) =>
        SubmitAsync((book, now) => book.EndHold(holdId, HoldStatus.Committed, now), holdId);

    public Task<Outcome<HoldView>> ExpireHold(string holdId) =>
        SubmitAsync((book, now) => book.EndHold(holdId, HoldStatus.Expired, now), holdId);

    public Task<Outcome<StockLevels>> SetLowStockThreshold(long? threshold) =>
        SubmitAsync((book, now) => book.SetLowStockThreshold(threshold, now));

    public Task<Outcome<StockLevels>> SetLowStockThreshold(long? threshold, IReadOnlyList<StockItemTag> expectedTags) =>
        SubmitAsync((book, now) => expectedTags.Any(tag => tag.Matches(book.Levels))
            ? book.SetLowStockThreshold(threshold, now)
            : BookResult<StockLevels>.Unchanged(Failure.PreconditionFailed("The stock item changed since that ETag was read: read it again.")));

    public Task<Outcome<StockLevels>> RecheckLowStock(long tenantThreshold, long tenantVersion)
    {
        services.TenantThresholds.Learn(_key.TenantId, tenantThreshold, tenantVersion);
        return SubmitAsync((book, now) => book.RecheckTenantThreshold(now));
    }

    public Task<Outcome<HoldView>> KeepHold(string holdId) =>
        SubmitAsync((book, _) => book.KeepHold(holdId), holdId);

    public async Task<int> ExpireDueHolds()
    {
        var due = Book.DueHolds(services.Clock.GetUtcNow());
        var results = await Task.WhenAll(due.Select(ExpireHold));
        var expired = results.Count(r => r.Value?.Status == HoldStatus.Expired);
        if (expired > 0)
        {
            QuartermasterMetrics.Expired(expired);
            StockItemLog.HoldsExpired(services.Logger, _key.TenantId, _key.Sku, _key.WarehouseId, expired);
        }

        // Also when this activation knew of no holds: a sweep that woke it must see the index set right.
        await Expiry.ScheduleAsync(Book.NextExpiry);
        return expired;
    }

    public async Task<Outcome<StockAudit>> Audit()
    {
        ThrowIfBroken();
        if (await CheckCatalogAsync() is { } missing)
        {
            return missing;
        }

        // Waits for a batch in flight, so the audit starts from committed state; the levels and holds are
        // taken at that point and the ledger is replayed from storage up to the same seq.
        while (_machinery?.Flushing is { } flushing)
        {
            await flushing;
        }

        // An audit judges what storage holds whenever it runs, not only while membership settles: a rolling
        // restart once left a second activation answering audits without the holds written since.
        await ConfirmAgainstStorageAsync();
        var levels = Committed;
        var active = Book.ActiveHolds();
        var violations = await LedgerAudit.ReplayAsync(services.History, _key, levels, active.Sum(h => h.Quantity));
        return new StockAudit(await InForceAsync(levels), active, violations);
    }

    public async Task<Outcome<Page<LedgerEntry>>> Ledger(long afterSeq, int limit)
    {
        ThrowIfBroken();
        if (await CheckCatalogAsync() is { } missing)
        {
            return missing;
        }

        await ConfirmIfSettlingAsync();

        return await services.History.ReadLedgerAsync(_key, Math.Max(afterSeq, 0), limit, Committed.Version);
    }

    /// <summary>Stock items keep no reminders any more; one registered by an earlier release ends at its next tick.</summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        await ExpireDueHolds();
        await Expiry.EndLegacyReminderAsync();
    }

    private async Task<Outcome<T>> SubmitAsync<T>(Func<StockBook, DateTimeOffset, BookResult<T>> command, string? holdId = null)
    {
        ThrowIfBroken();
        if (await CheckCatalogAsync() is { } missing)
        {
            return missing;
        }

        // The check may have waited on the catalog while a write of this activation failed: a command queued on a
        // broken activation is never flushed, so its caller would wait for ever and hold up the deactivation, and
        // with it every call sent here, until the silo stops (seen in a rolling restart).
        ThrowIfBroken();
        var pending = new PendingCommand<T>(command, holdId);
        Machinery.Queue.Enqueue(pending);
        Machinery.Flushing ??= FlushAsync();
        var answer = await pending.Answer;
        if (answer.Failure?.Code == FailureCode.InsufficientStock)
        {
            QuartermasterMetrics.StockRejected();
        }

        return answer;
    }

    private async Task FlushAsync()
    {
        // Lets the callers that arrived together join the first batch.
        await Task.Yield();
        var machinery = Machinery;
        PendingCommand[] batch = [];
        try
        {
            while (machinery.Queue.Count > 0 && machinery.Broken is null)
            {
                batch = machinery.Queue.ToArray();
                machinery.Queue.Clear();
                await CommitBatchAsync(batch);
            }
        }
        catch (Exception error)
        {
            // Every failure the batch expects is handled inside it; one that escapes is a bug, after which memory
            // may not match storage. Nobody may be left waiting: answered callers keep their answers.
            Break(error, [.. batch]);
        }
        finally
        {
            machinery.Flushing = null;
        }
    }

    private async Task CommitBatchAsync(PendingCommand[] batch)
    {
        try
        {
            await LearnUnknownHoldsAsync(batch);
            Machinery.TenantThreshold = await services.TenantThresholds.GetAsync(_key.TenantId);
            Book.TenantThreshold = Machinery.TenantThreshold;
        }
        catch (Exception error)
        {
            // Nothing was applied yet, so the book is intact: only this batch's callers get the error.
            FailLookup(error, batch);
            return;
        }

        // A second run happens only when storage refused the first as reusing a stored id: the book is then
        // reloaded and taught what storage holds, so the replayed commands answer as replays and the others
        // apply once.
        for (var run = 1; ; run++)
        {
            // Readers keep seeing what storage holds while the batch changes memory; after a failed write the
            // activation is broken and the snapshot stays, as storage still holds it.
            Machinery.CommittedDuringWrite ??= StockBook.LevelsOf(_key, State);
            if (Run(batch) is not { } answered)
            {
                return;
            }

            if (!State.HasUnwritten())
            {
                Machinery.CommittedDuringWrite = null;
                if (services.Settling.MustConfirm(_confirmedAt) && !await ConfirmedWithinBatchAsync(answered))
                {
                    return;
                }

                Complete(answered);
                return;
            }

            var written = State.Unwritten();
            var writtenAt = services.Settling.Now;
            try
            {
                using var span = QuartermasterTracing.Source.StartActivity("stock.write_batch");
                span?.SetTag("quartermaster.batch.commands", answered.Count);
                if (!services.History.WriteRefusesReplays && !(await FindStoredAsync(written)).IsEmpty)
                {
                    written.ReplayRefused = true;
                }
                else
                {
                    await services.Storage.WriteStateAsync(StateNames.StockItem, GrainContext.GrainId, _stored);
                }

                if (written.ReplayRefused)
                {
                    if (run > 1)
                    {
                        throw new InvalidOperationException("A batch was refused as a replay again after its stored ids were learnt.");
                    }

                    var stored = await FindStoredAsync(written);
                    await ReadStateAsync();
                    Recent.Learn(stored);
                    Machinery.Book = null;
                    StockItemLog.ReplayResolved(services.Logger, _key.TenantId, _key.Sku, _key.WarehouseId, stored.Movements.Count + stored.Holds.Count);
                    continue;
                }

                await services.History.RecordAsync(_key, written, StockBook.LevelsOf(_key, State));
            }
            catch (Exception error)
            {
                Break(error, answered);
                return;
            }

            // A write that passed its version check shows memory matched storage when it started.
            _confirmedAt = Math.Max(_confirmedAt, writtenAt);
            Recent.Remember(written);
            State.MarkWritten();
            Machinery.CommittedDuringWrite = null;
            QuartermasterMetrics.BatchWritten(answered.Count);
            StockItemLog.BatchCommitted(services.Logger, _key.Sku, _key.WarehouseId, batch.Length, State.LastSeq);
            // The index is told before the callers are answered (a caller may rely on it), but its failure is only
            // logged: the batch is durable, and its callers are answered whatever happens to the bookkeeping.
            await RescheduleExpiryAfterCommitAsync(answered.Count);
            Complete(answered);
            return;
        }
    }

    /// <summary>Applies the batch to the book; null if a command failed in a way that broke the activation.</summary>
    private List<PendingCommand>? Run(PendingCommand[] batch)
    {
        var now = services.Clock.GetUtcNow();
        var answered = new List<PendingCommand>(batch.Length);
        foreach (var command in batch)
        {
            // The book validates before it changes anything, so a command that throws changed nothing:
            // only its own caller gets the error.
            try
            {
                command.Run(Book, now);
                answered.Add(command);
            }
            catch (ArgumentException error)
            {
                command.Fail(error);
            }
            catch (Exception error)
            {
                // Anything else is a bug that may have left the book half-changed: reload from storage.
                Break(error, [.. batch]);
                return null;
            }
        }

        return answered;
    }

    private static void Complete(List<PendingCommand> answered)
    {
        foreach (var command in answered)
        {
            command.Complete();
        }
    }

    /// <summary>
    /// Release, commit, keep and revoke need the hold's record; for a hold that is neither active nor recent,
    /// one look-up for the whole batch fetches what storage holds (an ended hold, a tombstone, or nothing).
    /// </summary>
    private async Task LearnUnknownHoldsAsync(PendingCommand[] batch)
    {
        List<string>? unknown = null;
        foreach (var command in batch)
        {
            if (command.HoldId is { } holdId && Book.Unknown(holdId))
            {
                (unknown ??= []).Add(holdId);
            }
        }

        if (unknown is not null)
        {
            Recent.Learn(await services.History.FindAsync(_key, [], unknown.Distinct(StringComparer.Ordinal).ToList()));
        }
    }

    private Task<StoredIds> FindStoredAsync(StockChanges written) =>
        services.History.FindAsync(_key, written.NewMovements.ToList(), written.NewHoldIds.ToList());

    /// <summary>
    /// The write failed, so the state in memory holds changes that are not durable (or a newer activation
    /// won the version check). Every caller of the batch and of the queue gets the error, nothing more is
    /// served from this activation, and the next call reloads the state from storage.
    /// </summary>
    private void Break(Exception error, List<PendingCommand> batch)
    {
        StockItemLog.WriteFailed(services.Logger, error, _key.TenantId, _key.Sku, _key.WarehouseId, batch.Count);
        FailAndDrop(error, batch);
    }

    /// <summary>Every caller of the batch and of the queue gets the error, and the next call reloads from storage.</summary>
    private void FailAndDrop(Exception error, List<PendingCommand> batch)
    {
        Machinery.Broken = error;
        foreach (var command in batch.Concat(Machinery.Queue))
        {
            command.Fail(error);
        }

        Machinery.Queue.Clear();
        DeactivateOnIdle();
    }

    /// <summary>Committed levels carry the item's own threshold; the one in force may be the tenant's.</summary>
    private async Task<StockLevels> InForceAsync(StockLevels committed) =>
        committed with { LowStockThreshold = committed.LowStockThreshold ?? await services.TenantThresholds.GetAsync(_key.TenantId) };

    /// <summary>Starts as a fresh state, and every storage provider's read sets one (a fresh one when none is stored).</summary>
    private StockItemState State => _stored.State!;

    /// <summary>The levels storage holds: those in memory, unless a batch is being applied and written.</summary>
    private StockLevels Committed => _machinery?.CommittedDuringWrite ?? StockBook.LevelsOf(_key, State);

    /// <summary>Reads the state storage holds into memory, replacing whatever was there.</summary>
    private Task ReadStateAsync() => services.Storage.ReadStateAsync(StateNames.StockItem, GrainContext.GrainId, _stored);

    private StockWriteMachinery Machinery => _machinery ??= new StockWriteMachinery();

    private RecentIds Recent => Machinery.Recent;

    private StockBook Book => Machinery.Book ??= new StockBook(_key, State, Recent) { TenantThreshold = Machinery.TenantThreshold };

    /// <summary>Created with the first expiring hold: most stock items never have one.</summary>
    private HoldExpiry Expiry => _expiry ??= new HoldExpiry(this, services.Clock, services.DueHolds, this.GetPrimaryKeyString(), () => ExpireDueHolds());

    /// <summary>
    /// A failure here leaves the item's holds durable and its timer armed (the timer is set before the due index
    /// is told); the due index is told again at the item's next write, so it is logged rather than breaking an
    /// activation whose state is sound.
    /// </summary>
    private async Task RescheduleExpiryAfterCommitAsync(int count)
    {
        try
        {
            await ScheduleExpiryAsync();
        }
        catch (Exception error)
        {
            StockItemLog.ExpiryScheduleFailed(services.Logger, error, _key.TenantId, _key.Sku, _key.WarehouseId, count);
        }
    }

    private Task ScheduleExpiryAsync() =>
        _expiry is null && (!State.HasHolds() || Book.NextExpiry is null) ? Task.CompletedTask : Expiry.ScheduleAsync(Book.NextExpiry);

    /// <summary>Reads while membership settles (<see cref="MembershipSettling"/>) confirm this activation against storage first.</summary>
    private Task ConfirmIfSettlingAsync() =>
        services.Settling.MustConfirm(_confirmedAt) ? ConfirmAgainstStorageAsync() : Task.CompletedTask;

    /// <summary>
    /// Compares this activation with storage without waiting for its writes first. Storage equal to what memory held when the read began proves memory
    /// current; storage different while no write of this activation could explain it proves it stale. A write of
    /// this activation in flight or landing meanwhile proves neither (it shows memory was current when it
    /// committed, not now), so the check waits for it and looks again, a few times before giving up for now.
    /// </summary>
    private async Task ConfirmAgainstStorageAsync()
    {
        const int Looks = 3;
        for (var look = 1; ; look++)
        {
            var checkedAt = services.Settling.Now;
            var loaded = _stored.ETag;
            var writing = _machinery?.Flushing is not null;
            var stored = await StoredVersionAsync();
            if (stored == loaded)
            {
                _confirmedAt = Math.Max(_confirmedAt, checkedAt);
                return;
            }

            if (!writing && _machinery?.Flushing is null && _stored.ETag == loaded)
            {
                Drop(stored);
            }

            if (look == Looks)
            {
                throw new GrainUnavailableException($"Stock item {_key.Sku}/{_key.WarehouseId} is writing too busily to confirm a read against storage; try again.");
            }

            while (_machinery?.Flushing is { } flushing)
            {
                await flushing;
            }

            ThrowIfBroken();
        }
    }

    /// <summary>
    /// A batch that writes nothing answers from memory (a hold refused as short of stock, a replayed movement);
    /// while membership settles, that memory is compared with storage first. No other write of this activation
    /// runs during a batch, so the comparison is exact. False when the batch's callers got an error instead.
    /// </summary>
    private async Task<bool> ConfirmedWithinBatchAsync(List<PendingCommand> answered)
    {
        var checkedAt = services.Settling.Now;
        string? stored;
        try
        {
            stored = await StoredVersionAsync();
        }
        catch (Exception error)
        {
            // Nothing was changed: only this batch's callers get the error, as when a look-up fails.
            FailLookup(error, answered);
            return false;
        }

        if (stored != _stored.ETag)
        {
            FailAndDrop(Stale(stored), answered);
            return false;
        }

        _confirmedAt = Math.Max(_confirmedAt, checkedAt);
        return true;
    }

    private async Task<string?> StoredVersionAsync()
    {
        var stored = new GrainState<StockItemState>(new StockItemState());
        await services.Storage.ReadStateAsync(StateNames.StockItem, GrainContext.GrainId, stored);
        return stored.ETag;
    }

    [DoesNotReturn]
    private void Drop(string? storedVersion)
    {
        var stale = Stale(storedVersion);
        DeactivateOnIdle();
        throw stale;
    }

    /// <summary>Logs that storage moved past this activation, and the error its callers get.</summary>
    private GrainUnavailableException Stale(string? storedVersion)
    {
        StockItemLog.StaleActivation(services.Logger, _key.TenantId, _key.Sku, _key.WarehouseId, _stored.ETag, storedVersion);
        return new GrainUnavailableException($"Stock item {_key.Sku}/{_key.WarehouseId} was written by another activation; it is reloading.");
    }

    private void FailLookup(Exception error, IReadOnlyCollection<PendingCommand> batch)
    {
        StockItemLog.LookupFailed(services.Logger, error, _key.TenantId, _key.Sku, _key.WarehouseId, batch.Count);
        foreach (var command in batch)
        {
            command.Fail(error);
        }
    }

    private void ThrowIfBroken()
    {
        if (_machinery?.Broken is { } broken)
        {
            throw new GrainUnavailableException($"Stock item {_key.Sku}/{_key.WarehouseId} is reloading after a failed write.", broken);
        }
    }

    /// <summary>Products and warehouses are never deleted, so one successful check lasts the activation.</summary>
    private async Task<Failure?> CheckCatalogAsync()
    {
        if (_catalogChecked)
        {
            return null;
        }

        var failure = await GrainFactory.GetGrain<ICatalogGrain>(_key.TenantId).CheckStockTarget(_key.Sku, _key.WarehouseId);
        if (failure is null)
        {
            _catalogChecked = true;
            _key = _key.WithSharedIds();
        }

        return failure;
    }
}
