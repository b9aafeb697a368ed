using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.Grains.Stock;

/// <summary>
/// A bounded window of a stock item's recently written movements and ended holds, so that a retry of a
/// recent command is answered from memory. An id that has left the window is still in storage: a replay of it
/// is caught by the write (which refuses ids already stored) or looked up before a command needs it.
/// </summary>
internal sealed class RecentIds(int capacity)
{
    public const int DefaultCapacity = 512;

    // Created on first use: most stock items are only ever read, and a million of them must fit in one silo.
    private Dictionary<MovementKey, LedgerEntry>? _movements;
    private Queue<MovementKey>? _movementOrder;
    private Dictionary<string, HoldRecord>? _endedHolds;
    private Queue<string>? _holdOrder;

    public bool TryGetMovement(MovementKey key, out LedgerEntry entry)
    {
        entry = null!;
        return _movements is not null && _movements.TryGetValue(key, out entry!);
    }

    public bool TryGetEndedHold(string holdId, out HoldRecord hold)
    {
        hold = null!;
        return _endedHolds is not null && _endedHolds.TryGetValue(holdId, out hold!);
    }

    public void AddMovement(LedgerEntry entry)
    {
        var key = new MovementKey(entry.Type, entry.MovementId);
        _movements ??= [];
        _movementOrder ??= new Queue<MovementKey>();
        if (_movements.TryAdd(key, entry))
        {
            _movementOrder.Enqueue(key);
            if (_movementOrder.Count > capacity)
            {
                _movements.Remove(_movementOrder.Dequeue());
            }
        }
    }

    public void AddEndedHold(string holdId, HoldRecord hold)
    {
        _endedHolds ??= new Dictionary<string, HoldRecord>(StringComparer.Ordinal);
        _holdOrder ??= new Queue<string>();
        if (_endedHolds.TryAdd(holdId, hold))
        {
            _holdOrder.Enqueue(holdId);
            if (_holdOrder.Count > capacity)
            {
                _endedHolds.Remove(_holdOrder.Dequeue());
            }
        }
        else
        {
            _endedHolds[holdId] = hold;
        }
    }

    /// <summary>Takes in what storage holds for ids the window did not know (a hold still active there stays out).</summary>
    public void Learn(StoredIds stored)
    {
        foreach (var entry in stored.Movements)
        {
            AddMovement(entry);
        }

        foreach (var (holdId, hold) in stored.Holds.Where(h => h.Value.Status != HoldStatus.Active))
        {
            AddEndedHold(holdId, hold);
        }
    }

    /// <summary>After a successful write: its movements and ended holds become the most recent.</summary>
    public void Remember(StockChanges written)
    {
        foreach (var entry in written.Ledger.Where(e => StockChanges.IsMovement(e.Type)))
        {
            AddMovement(entry);
        }

        foreach (var (holdId, hold) in written.Holds.Where(h => h.Value.Status != HoldStatus.Active))
        {
            AddEndedHold(holdId, hold);
        }
    }
}
