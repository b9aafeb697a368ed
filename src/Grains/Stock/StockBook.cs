using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Events;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Events;
using Quartermaster.Grains.Stock.LowStock;

namespace Quartermaster.Grains.Stock;

/// <summary>
/// The rules of one stock item, applied to its state in memory: validation, levels, holds and the ledger tail.
/// It never does I/O; the grain decides when its changes are written. It knows the active holds, the changes
/// not yet written and a window of recent ids; an id it knows nothing about is taken as new (the write refuses
/// it if storage holds it), except where a command needs the stored record, which the grain looks up first
/// (<see cref="Unknown"/>).
/// </summary>
internal sealed class StockBook
{
    private readonly StockItemKey _key;
    private readonly StockItemState _state;
    private readonly RecentIds _recent;
    private static readonly Comparer<(DateTimeOffset At, string HoldId)> SoonestFirst = Comparer<(DateTimeOffset At, string HoldId)>.Create(
        (a, b) => a.At != b.At ? a.At.CompareTo(b.At) : string.CompareOrdinal(a.HoldId, b.HoldId));

    // Active holds that expire, soonest first, built on first use: a hot item can have many thousands, and
    // the next expiry is asked for after every batch; most items never have one.
    private SortedSet<(DateTimeOffset At, string HoldId)>? _expiring;

    public StockBook(StockItemKey key, StockItemState state, RecentIds recent)
    {
        _key = key;
        _state = state;
        _recent = recent;
    }

    /// <summary>The tenant's threshold, which the item follows unless it has its own; set before each batch.</summary>
    public long TenantThreshold { get; set; }

    /// <summary>The levels with the threshold in force.</summary>
    public StockLevels Levels => LevelsOf(_key, _state) with { LowStockThreshold = Threshold };

    /// <summary>The levels with the item's own threshold (null when it follows the tenant's).</summary>
    public static StockLevels LevelsOf(StockItemKey key, StockItemState state) =>
        new(key.Sku, key.WarehouseId, state.OnHand, state.Reserved, state.LastSeq, state.LowStockThreshold, state.LowStockThreshold);

    private long Threshold => _state.LowStockThreshold ?? TenantThreshold;

    /// <summary>An item with no ledger entry yet (all zero, never stocked) is not low: there is nothing to alert about.</summary>
    private bool IsLow(long available) => _state.LastSeq > 0 && LowStockRule.IsLow(available, Threshold);

    /// <summary>True when the book cannot answer for this hold id without storage: it is not active, not changed
    /// since the last write, and not in the recent window.</summary>
    public bool Unknown(string holdId) => FindHold(holdId) is null;

    public BookResult<StockLevels> Apply(Movement movement, DateTimeOffset now)
    {
        var minimum = movement.Type == LedgerEntryType.Adjustment ? 0 : 1;
        ArgumentOutOfRangeException.ThrowIfLessThan(movement.Quantity, minimum, nameof(movement));
        if (FindMovement(new MovementKey(movement.Type, movement.MovementId)) is { } earlier)
        {
            return BookResult<StockLevels>.Unchanged(IsSameMovement(earlier, movement)
                ? Levels
                : Failure.Conflict($"Movement '{movement.MovementId}' was already applied with other content."));
        }

        var onHand = movement.Type switch
        {
            LedgerEntryType.Receipt or LedgerEntryType.TransferIn => _state.OnHand + movement.Quantity,
            LedgerEntryType.TransferOut => _state.OnHand - movement.Quantity,
            LedgerEntryType.Adjustment => movement.Quantity,
            _ => throw new ArgumentOutOfRangeException(nameof(movement), movement.Type, "Not a movement type."),
        };

        if (movement.Type == LedgerEntryType.TransferOut && movement.Quantity > Available)
        {
            return BookResult<StockLevels>.Unchanged(Failure.Insufficient(movement.Quantity, Available));
        }

        if (onHand < _state.Reserved)
        {
            return BookResult<StockLevels>.Unchanged(new Failure(FailureCode.InsufficientStock,
                $"onHand {onHand} would fall below the {_state.Reserved} reserved.") { Available = Available });
        }

        var quantity = movement.Type == LedgerEntryType.Adjustment ? onHand - _state.OnHand : movement.Quantity;
        _state.OnHand = onHand;
        Append(movement.MovementId, movement.Type, quantity, now, movement.Reason, movement.Ref);
        return BookResult<StockLevels>.Written(Levels);
    }

    public BookResult<HoldView> PlaceHold(HoldRequest request, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Quantity, 1, nameof(request));
        if (FindHold(request.HoldId) is { } existing)
        {
            return BookResult<HoldView>.Unchanged(existing.Quantity == request.Quantity && existing.Ref == request.Ref
                ? View(request.HoldId, existing)
                : Failure.Conflict($"Hold '{request.HoldId}' already exists with other content."));
        }

        if (request.Quantity > Available)
        {
            return BookResult<HoldView>.Unchanged(Failure.Insufficient(request.Quantity, Available));
        }

        var hold = new HoldRecord { Quantity = request.Quantity, ExpiresAt = now + request.Lifetime, Ref = request.Ref };
        _state.Holds[request.HoldId] = hold;
        _state.Unwritten().Holds[request.HoldId] = hold;
        _state.Unwritten().NewHoldIds.Add(request.HoldId);
        if (hold.ExpiresAt is { } at)
        {
            Expiring.Add((at, request.HoldId));
        }

        _state.Reserved += request.Quantity;
        Append(request.HoldId, LedgerEntryType.Hold, request.Quantity, now, null, request.Ref);
        return BookResult<HoldView>.Written(View(request.HoldId, hold));
    }

    /// <summary>A hold as it stands (active or how it ended); reads only.</summary>
    public BookResult<HoldView> ViewHold(string holdId) =>
        BookResult<HoldView>.Unchanged(FindHold(holdId) is { } hold
            ? View(holdId, hold)
            : Failure.NotFound($"Hold '{holdId}' does not exist."));

    /// <summary>Ends an active hold by release, commit or expiry; ending it the same way again changes nothing.</summary>
    public BookResult<HoldView> EndHold(string holdId, HoldStatus end, DateTimeOffset now)
    {
        if (FindHold(holdId) is not { } hold)
        {
            return BookResult<HoldView>.Unchanged(Failure.NotFound($"Hold '{holdId}' does not exist."));
        }

        if (hold.Status != HoldStatus.Active)
        {
            return BookResult<HoldView>.Unchanged(IsSameEnding(hold.Status, end)
                ? View(holdId, hold)
                : Failure.InvalidTransition($"Hold '{holdId}' is already {hold.Status.ToString().ToLowerInvariant()}."));
        }

        StopExpiring(holdId, hold);
        hold.Status = end;
        _state.Holds.Remove(holdId);
        _state.Unwritten().Holds[holdId] = hold;
        _state.Reserved -= hold.Quantity;
        if (end == HoldStatus.Committed)
        {
            _state.OnHand -= hold.Quantity;
        }

        Append(holdId, LedgerTypeOf(end), hold.Quantity, now, null, hold.Ref);
        return BookResult<HoldView>.Written(View(holdId, hold));
    }

    public BookResult<HoldView> RevokeHold(string holdId, DateTimeOffset now)
    {
        if (FindHold(holdId) is not null)
        {
            var ended = EndHold(holdId, HoldStatus.Released, now);
            return ended.Outcome.Failure?.Code == FailureCode.InvalidTransition ? BookResult<HoldView>.Unchanged(ended.Outcome) : ended;
        }

        // A tombstone: no stock moved, so no ledger entry, but the id is taken for good.
        var tombstone = new HoldRecord { Quantity = 0, Status = HoldStatus.Released };
        _state.Unwritten().Holds[holdId] = tombstone;
        _state.Unwritten().NewHoldIds.Add(holdId);
        return BookResult<HoldView>.Written(View(holdId, tombstone));
    }

    /// <summary>Sets the item's own threshold (null: the tenant's); a change that moves the item across it is a crossing.</summary>
    public BookResult<StockLevels> SetLowStockThreshold(long? threshold, DateTimeOffset now)
    {
        if (threshold is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "A threshold is 0 or more.");
        }

        if (_state.LowStockThreshold == threshold)
        {
            return BookResult<StockLevels>.Unchanged(Levels);
        }

        _state.LowStockThreshold = threshold;
        _state.Unwritten().ThresholdChanged = true;
        RecordCrossing(now, entry: null);
        return BookResult<StockLevels>.Written(Levels);
    }

    /// <summary>The tenant's threshold changed: a crossing when the item follows it and is now on the other side.</summary>
    public BookResult<StockLevels> RecheckTenantThreshold(DateTimeOffset now)
    {
        if (_state.LowStockThreshold is not null || IsLow(Available) == _state.Low)
        {
            return BookResult<StockLevels>.Unchanged(Levels);
        }

        // The threshold in force changed, though not the item's own: written like a change of its own.
        _state.Unwritten().ThresholdChanged = true;
        RecordCrossing(now, entry: null);
        return BookResult<StockLevels>.Written(Levels);
    }

    public BookResult<HoldView> KeepHold(string holdId)
    {
        if (FindHold(holdId) is not { } hold)
        {
            return BookResult<HoldView>.Unchanged(Failure.NotFound($"Hold '{holdId}' does not exist."));
        }

        if (hold.Status != HoldStatus.Active)
        {
            return BookResult<HoldView>.Unchanged(
                Failure.InvalidTransition($"Hold '{holdId}' is {hold.Status.ToString().ToLowerInvariant()}, not active."));
        }

        var changed = hold.ExpiresAt is not null;
        StopExpiring(holdId, hold);
        hold.ExpiresAt = null;
        if (changed)
        {
            _state.Unwritten().Holds[holdId] = hold;
        }

        return new BookResult<HoldView>(View(holdId, hold), changed);
    }

    public IReadOnlyList<string> DueHolds(DateTimeOffset now) =>
        Expiring.TakeWhile(due => due.At <= now).Select(due => due.HoldId).ToList();

    public DateTimeOffset? NextExpiry => !_state.HasHolds() || Expiring.Count == 0 ? null : Expiring.Min.At;

    private SortedSet<(DateTimeOffset At, string HoldId)> Expiring => _expiring ??= new SortedSet<(DateTimeOffset At, string HoldId)>(
        _state.Holds.Where(pair => pair.Value is { Status: HoldStatus.Active, ExpiresAt: not null })
            .Select(pair => (pair.Value.ExpiresAt!.Value, pair.Key)),
        SoonestFirst);

    /// <summary>Only meaningful while nothing uncommitted is applied (the grain audits between batches).</summary>
    public IReadOnlyList<ActiveHold> ActiveHolds() => !_state.HasHolds() ? [] :
        _state.Holds.Where(pair => pair.Value.Status == HoldStatus.Active)
            .Select(pair => new ActiveHold(pair.Key, pair.Value.Quantity, pair.Value.ExpiresAt, pair.Value.Ref))
            .ToList();

    private long Available => _state.OnHand - _state.Reserved;

    private void StopExpiring(string holdId, HoldRecord hold)
    {
        if (hold.ExpiresAt is { } at)
        {
            Expiring.Remove((at, holdId));
        }
    }

    private HoldView View(string holdId, HoldRecord hold) => new(holdId, hold.Quantity, hold.ExpiresAt, hold.Status, Levels);

    /// <summary>The entry of a change just made to the levels, its events, and the crossing it made, if any.</summary>
    private void Append(string movementId, LedgerEntryType type, long quantity, DateTimeOffset at, string? reason, string? reference)
    {
        _state.LastSeq++;
        var entry = new LedgerEntry(_state.LastSeq, movementId, type, quantity, _state.OnHand, _state.Reserved, at, reason, reference);
        var changes = _state.Unwritten();
        changes.Ledger.Add(entry);
        foreach (var eventType in StockEvents.TypesOf(type, reference))
        {
            changes.Events.Add(new StockEventRow(eventType, at, entry.Seq, Data: null));
        }

        RecordCrossing(at, entry);
    }

    /// <summary>A crossing when the item is now on the other side of its threshold from where its last one left it.</summary>
    private void RecordCrossing(DateTimeOffset at, LedgerEntry? entry)
    {
        var isLow = IsLow(Available);
        if (isLow != _state.Low)
        {
            _state.Low = isLow;
            var type = isLow ? EventTypes.StockLow : EventTypes.StockRestocked;
            _state.Unwritten().Events.Add(new StockEventRow(type, at, LedgerSeq: null, new EventData(Stock: new StockChange(Levels, entry))));
        }
    }

    /// <summary>Active, else changed in this batch (ended or a tombstone), else recently ended; null if unknown.</summary>
    private HoldRecord? FindHold(string holdId) =>
        _state.HasHolds() && _state.Holds.TryGetValue(holdId, out var active) ? active
        : _state.HasUnwritten() && _state.Unwritten().Holds.TryGetValue(holdId, out var changed) ? changed
        : _recent.TryGetEndedHold(holdId, out var ended) ? ended
        : null;

    /// <summary>Applied in this batch, else recently applied (or learnt from storage); null if unknown.</summary>
    private LedgerEntry? FindMovement(MovementKey key) =>
        (_state.HasUnwritten() ? _state.Unwritten().Ledger.Find(e => e.Type == key.Type && e.MovementId == key.MovementId) : null)
        ?? (_recent.TryGetMovement(key, out var recent) ? recent : null);

    /// <summary>The same content: quantity (or counted on hand), reason and reference.</summary>
    private static bool IsSameMovement(LedgerEntry earlier, Movement movement) =>
        earlier.Ref == movement.Ref && earlier.Reason == movement.Reason && (movement.Type == LedgerEntryType.Adjustment
            ? earlier.OnHandAfter == movement.Quantity
            : earlier.Quantity == movement.Quantity);

    /// <summary>A release of a hold that has expired is what the caller wanted anyway.</summary>
    private static bool IsSameEnding(HoldStatus current, HoldStatus wanted) =>
        current == wanted || (wanted == HoldStatus.Released && current == HoldStatus.Expired)
        || (wanted == HoldStatus.Expired && current == HoldStatus.Released);

    private static LedgerEntryType LedgerTypeOf(HoldStatus end) => end switch
    {
        HoldStatus.Released => LedgerEntryType.Release,
        HoldStatus.Committed => LedgerEntryType.Commit,
        HoldStatus.Expired => LedgerEntryType.Expire,
        _ => throw new ArgumentOutOfRangeException(nameof(end), end, "Not an end of a hold."),
    };
}
