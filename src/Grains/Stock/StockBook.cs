using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.Grains.Stock;

/// <summary>
/// The rules of one stock item, applied to its state in memory: validation, levels, holds and ledger.
/// It never does I/O; the grain decides when its changes are written.
/// </summary>
internal sealed class StockBook
{
    private readonly StockItemKey _key;
    private readonly StockItemState _state;
    private static readonly Comparer<(DateTimeOffset At, string HoldId)> SoonestFirst = Comparer<(DateTimeOffset At, string HoldId)>.Create(
        (a, b) => a.At != b.At ? a.At.CompareTo(b.At) : string.CompareOrdinal(a.HoldId, b.HoldId));

    // Both indexes are built on first use: most of a silo's stock items are only ever read, and a million
    // of them must fit in one silo.
    private Dictionary<(LedgerEntryType, string), LedgerEntry>? _byMovement;

    // Active holds that expire, soonest first: a hot item can have many thousands, and the next expiry is
    // asked for after every batch.
    private SortedSet<(DateTimeOffset At, string HoldId)>? _expiring;

    public StockBook(StockItemKey key, StockItemState state)
    {
        _key = key;
        _state = state;
    }

    public StockLevels Levels => new(_key.Sku, _key.WarehouseId, _state.OnHand, _state.Reserved, _state.Ledger.Count);

    public long LastSeq => _state.Ledger.Count;

    public BookResult<StockLevels> Apply(Movement movement, DateTimeOffset now)
    {
        var minimum = movement.Type == LedgerEntryType.Adjustment ? 0 : 1;
        ArgumentOutOfRangeException.ThrowIfLessThan(movement.Quantity, minimum, nameof(movement));
        if (ByMovement.TryGetValue((movement.Type, movement.MovementId), out var earlier))
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
        if (_state.Holds.TryGetValue(request.HoldId, out var existing))
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
        _state.ChangedHolds.Add(request.HoldId);
        if (hold.ExpiresAt is { } at)
        {
            Expiring.Add((at, request.HoldId));
        }

        _state.Reserved += request.Quantity;
        Append(request.HoldId, LedgerEntryType.Hold, request.Quantity, now, null, request.Ref);
        return BookResult<HoldView>.Written(View(request.HoldId, hold));
    }

    /// <summary>Ends an active hold by release, commit or expiry; ending it the same way again changes nothing.</summary>
    public BookResult<HoldView> EndHold(string holdId, HoldStatus end, DateTimeOffset now)
    {
        if (!_state.Holds.TryGetValue(holdId, out var hold))
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
        _state.ChangedHolds.Add(holdId);
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
        if (_state.Holds.ContainsKey(holdId))
        {
            var ended = EndHold(holdId, HoldStatus.Released, now);
            return ended.Outcome.Failure?.Code == FailureCode.InvalidTransition ? BookResult<HoldView>.Unchanged(ended.Outcome) : ended;
        }

        // A tombstone: no stock moved, so no ledger entry, but the id is taken for good.
        var tombstone = new HoldRecord { Quantity = 0, Status = HoldStatus.Released };
        _state.Holds[holdId] = tombstone;
        _state.ChangedHolds.Add(holdId);
        return BookResult<HoldView>.Written(View(holdId, tombstone));
    }

    public BookResult<HoldView> KeepHold(string holdId)
    {
        if (!_state.Holds.TryGetValue(holdId, out var hold))
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
            _state.ChangedHolds.Add(holdId);
        }

        return new BookResult<HoldView>(View(holdId, hold), changed);
    }

    public IReadOnlyList<string> DueHolds(DateTimeOffset now) =>
        Expiring.TakeWhile(due => due.At <= now).Select(due => due.HoldId).ToList();

    public DateTimeOffset? NextExpiry => _state.Holds.Count == 0 || Expiring.Count == 0 ? null : Expiring.Min.At;

    private Dictionary<(LedgerEntryType, string), LedgerEntry> ByMovement =>
        _byMovement ??= IndexByMovement(_state.Ledger);

    private SortedSet<(DateTimeOffset At, string HoldId)> Expiring => _expiring ??= new SortedSet<(DateTimeOffset At, string HoldId)>(
        _state.Holds.Where(pair => pair.Value is { Status: HoldStatus.Active, ExpiresAt: not null })
            .Select(pair => (pair.Value.ExpiresAt!.Value, pair.Key)),
        SoonestFirst);

    public Page<LedgerEntry> Ledger(long afterSeq, int limit, long committedSeq)
    {
        var start = (int)Math.Clamp(afterSeq, 0, committedSeq);
        var count = (int)Math.Min(limit, committedSeq - start);
        var items = _state.Ledger.GetRange(start, count);
        var next = start + count < committedSeq ? items[^1].Seq.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return new Page<LedgerEntry>(items, next);
    }

    /// <summary>Only meaningful while nothing uncommitted is applied (the grain audits between batches).</summary>
    public StockAudit Audit()
    {
        var active = _state.Holds.Where(pair => pair.Value.Status == HoldStatus.Active)
            .Select(pair => new ActiveHold(pair.Key, pair.Value.Quantity, pair.Value.ExpiresAt, pair.Value.Ref))
            .ToList();
        var violations = LedgerAudit.Check(_state.Ledger, _state.OnHand, _state.Reserved, active.Sum(h => h.Quantity));
        return new StockAudit(Levels, active, violations);
    }

    private long Available => _state.OnHand - _state.Reserved;

    private void StopExpiring(string holdId, HoldRecord hold)
    {
        if (hold.ExpiresAt is { } at)
        {
            Expiring.Remove((at, holdId));
        }
    }

    private HoldView View(string holdId, HoldRecord hold) => new(holdId, hold.Quantity, hold.ExpiresAt, hold.Status, Levels);

    private void Append(string movementId, LedgerEntryType type, long quantity, DateTimeOffset at, string? reason, string? reference)
    {
        var entry = new LedgerEntry(_state.Ledger.Count + 1, movementId, type, quantity, _state.OnHand, _state.Reserved, at, reason, reference);
        _state.Ledger.Add(entry);
        if (_byMovement is not null)
        {
            _byMovement[(type, movementId)] = entry;
        }
    }

    private static Dictionary<(LedgerEntryType, string), LedgerEntry> IndexByMovement(List<LedgerEntry> ledger)
    {
        var index = new Dictionary<(LedgerEntryType, string), LedgerEntry>(ledger.Count);
        foreach (var entry in ledger)
        {
            index[(entry.Type, entry.MovementId)] = entry;
        }

        return index;
    }

    private static bool IsSameMovement(LedgerEntry earlier, Movement movement) =>
        earlier.Ref == movement.Ref && (movement.Type == LedgerEntryType.Adjustment
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
