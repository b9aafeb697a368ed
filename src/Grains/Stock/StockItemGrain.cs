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
/// <see cref="FlushAsync"/>, between writes, so interleaving never sees half a batch.
/// </summary>
[Reentrant]
public sealed partial class StockItemGrain(
    [PersistentState(StateNames.StockItem, StorageNames.Stock)] IPersistentState<StockItemState> state,
    [FromKeyedServices(ClockNames.Business)] TimeProvider clock,
    ILogger<StockItemGrain> logger)
    : Grain, IStockItemGrain, IRemindable
{
    private readonly Queue<PendingCommand> _queue = new();
    private StockItemKey _key;
    private StockBook _book = null!;
    private StockLevels _committed = null!;
    private Task? _flushing;
    private Exception? _broken;
    private bool _catalogChecked;
    private HoldExpiry? _expiry;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = GrainKeys.ParseStockItem(this.GetPrimaryKeyString());
        _book = new StockBook(_key, state.State);
        _committed = _book.Levels;
        return ScheduleExpiryAsync();
    }

    public async Task<Outcome<StockLevels>> Get()
    {
        ThrowIfBroken();
        return await CheckCatalogAsync() ?? (Outcome<StockLevels>)_committed;
    }

    public Task<Outcome<StockLevels>> Apply(Movement movement) =>
        SubmitAsync((book, now) => book.Apply(movement, now));

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

    public Task<Outcome<HoldView>> ReleaseHold(string holdId) =>
        SubmitAsync((book, now) => book.EndHold(holdId, HoldStatus.Released, now));

    public Task<Outcome<HoldView>> RevokeHold(string holdId) =>
        SubmitAsync((book, now) => book.RevokeHold(holdId, now));

    public Task<Outcome<HoldView>> CommitHold(string holdId) =>
        SubmitAsync((book, now) => book.EndHold(holdId, HoldStatus.Committed, now));

    public Task<Outcome<HoldView>> ExpireHold(string holdId) =>
        SubmitAsync((book, now) => book.EndHold(holdId, HoldStatus.Expired, now));

    public Task<Outcome<HoldView>> KeepHold(string holdId) =>
        SubmitAsync((book, _) => book.KeepHold(holdId));

    public async Task<int> ExpireDueHolds()
    {
        var due = _book.DueHolds(clock.GetUtcNow());
        var results = await Task.WhenAll(due.Select(ExpireHold));
        var expired = results.Count(r => r.Value?.Status == HoldStatus.Expired);
        if (expired > 0)
        {
            QuartermasterMetrics.Expired(expired);
            LogHoldsExpired(_key.TenantId, _key.Sku, _key.WarehouseId, expired);
        }

        await ScheduleExpiryAsync();
        return expired;
    }

    public async Task<Outcome<StockAudit>> Audit()
    {
        ThrowIfBroken();
        if (await CheckCatalogAsync() is { } missing)
        {
            return missing;
        }

        // Waits for a batch in flight, so the audit sees only committed state.
        while (_flushing is { } flushing)
        {
            await flushing;
        }

        return _book.Audit();
    }

    public async Task<Outcome<Page<LedgerEntry>>> Ledger(long afterSeq, int limit)
    {
        ThrowIfBroken();
        if (await CheckCatalogAsync() is { } missing)
        {
            return missing;
        }

        return _book.Ledger(afterSeq, limit, _committed.Version);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        await ExpireDueHolds();
        if (_book.NextExpiry is null)
        {
            await Expiry.StopReminderAsync();
        }
    }

    private async Task<Outcome<T>> SubmitAsync<T>(Func<StockBook, DateTimeOffset, BookResult<T>> command)
    {
        ThrowIfBroken();
        if (await CheckCatalogAsync() is { } missing)
        {
            return missing;
        }

        var pending = new PendingCommand<T>(command);
        _queue.Enqueue(pending);
        _flushing ??= FlushAsync();
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
        try
        {
            while (_queue.Count > 0 && _broken is null)
            {
                var batch = _queue.ToArray();
                _queue.Clear();
                await CommitBatchAsync(batch);
            }
        }
        finally
        {
            _flushing = null;
        }
    }

    private async Task CommitBatchAsync(PendingCommand[] batch)
    {
        var now = clock.GetUtcNow();
        var changed = false;
        var answered = new List<PendingCommand>(batch.Length);
        foreach (var command in batch)
        {
            // The book validates before it changes anything, so a command that throws changed nothing:
            // only its own caller gets the error.
            try
            {
                changed |= command.Run(_book, now);
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
                return;
            }
        }

        if (changed)
        {
            try
            {
                using var span = QuartermasterTracing.Source.StartActivity("stock.write_batch");
                span?.SetTag("quartermaster.batch.commands", answered.Count);
                await state.WriteStateAsync();
            }
            catch (Exception error)
            {
                Break(error, answered);
                return;
            }

            _committed = _book.Levels;
            QuartermasterMetrics.BatchWritten(answered.Count);
            LogBatchCommitted(_key.Sku, _key.WarehouseId, batch.Length, _committed.Version);
            await ScheduleExpiryAsync();
        }

        foreach (var command in answered)
        {
            command.Complete();
        }
    }

    /// <summary>
    /// The write failed, so the state in memory holds changes that are not durable (or a newer activation
    /// won the version check). Every caller of the batch and of the queue gets the error, nothing more is
    /// served from this activation, and the next call reloads the state from storage.
    /// </summary>
    private void Break(Exception error, List<PendingCommand> batch)
    {
        _broken = error;
        LogWriteFailed(error, _key.TenantId, _key.Sku, _key.WarehouseId, batch.Count);
        foreach (var command in batch.Concat(_queue))
        {
            command.Fail(error);
        }

        _queue.Clear();
        DeactivateOnIdle();
    }

    /// <summary>Created with the first expiring hold: most stock items never have one.</summary>
    private HoldExpiry Expiry => _expiry ??= new HoldExpiry(this, clock, () => ExpireDueHolds());

    private Task ScheduleExpiryAsync() =>
        _expiry is null && _book.NextExpiry is null ? Task.CompletedTask : Expiry.ScheduleAsync(_book.NextExpiry);

    private void ThrowIfBroken()
    {
        if (_broken is not null)
        {
            throw new GrainUnavailableException($"Stock item {_key.Sku}/{_key.WarehouseId} is reloading after a failed write.", _broken);
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
        _catalogChecked = failure is null;
        return failure;
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Stock {Sku}/{WarehouseId}: committed {Count} commands, version {Version}")]
    private partial void LogBatchCommitted(string sku, string warehouseId, int count, long version);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Stock {TenantId}/{Sku}/{WarehouseId}: write of a batch of {Count} failed; deactivating")]
    private partial void LogWriteFailed(Exception error, string tenantId, string sku, string warehouseId, int count);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Stock {TenantId}/{Sku}/{WarehouseId}: expired {Count} holds")]
    private partial void LogHoldsExpired(string tenantId, string sku, string warehouseId, int count);
}
