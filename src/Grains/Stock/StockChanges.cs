using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Events;

namespace Quartermaster.Grains.Stock;

/// <summary>
/// A stock item's changes that are not written yet: the ledger tail, the holds whose row must be inserted or
/// updated, which of those holds (and movements) claim an id for the first time, a change of the item's own
/// threshold, and the events of all that in the order they happened. Storage writes them with
/// the levels; a write that would reuse an id already stored is refused as a whole (<see cref="ReplayRefused"/>).
/// </summary>
public sealed class StockChanges
{
    public List<LedgerEntry> Ledger { get; } = [];

    /// <summary>Hold id to its record as it must be stored: new, changed, ended, or a tombstone.</summary>
    public Dictionary<string, HoldRecord> Holds { get; } = new(StringComparer.Ordinal);

    /// <summary>Hold ids this batch placed or tombstoned: storage must not hold them yet.</summary>
    public HashSet<string> NewHoldIds { get; } = new(StringComparer.Ordinal);

    /// <summary>Receipts, adjustments and transfer sides this batch applied: the ledger must not hold them yet.</summary>
    public IEnumerable<MovementKey> NewMovements =>
        Ledger.Where(e => IsMovement(e.Type)).Select(e => new MovementKey(e.Type, e.MovementId));

    /// <summary>Every event of these changes, in order: those of each ledger entry, and low-stock crossings.</summary>
    public List<StockEventRow> Events { get; } = [];

    /// <summary>The item's own threshold changed, with or without a crossing.</summary>
    public bool ThresholdChanged { get; set; }

    public bool IsEmpty => Ledger.Count == 0 && Holds.Count == 0 && !ThresholdChanged;

    /// <summary>
    /// Set by storage instead of writing when an id in <see cref="NewHoldIds"/> or <see cref="NewMovements"/>
    /// is already stored: some command of the batch was a replay the grain's recent window did not know.
    /// </summary>
    public bool ReplayRefused { get; set; }

    public static bool IsMovement(LedgerEntryType type) =>
        type is LedgerEntryType.Receipt or LedgerEntryType.Adjustment or LedgerEntryType.TransferIn or LedgerEntryType.TransferOut;
}

/// <summary>A movement's identity in the ledger: its id is unique per type.</summary>
[GenerateSerializer, Immutable]
[Alias("qm.MovementKey")]
public readonly record struct MovementKey([property: Id(0)] LedgerEntryType Type, [property: Id(1)] string MovementId);
