using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.Grains.Stock;

[GenerateSerializer]
[Alias("qm.StockItemState")]
public sealed class StockItemState
{
    [Id(0)]
    public long OnHand { get; set; }

    [Id(1)]
    public long Reserved { get; set; }

    [Id(2)]
    public List<LedgerEntry> Ledger { get; set; } = [];

    [Id(3)]
    public Dictionary<string, HoldRecord> Holds { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The holds changed since the last successful write, so storage can write just those. Not serialised:
    /// it describes the difference between this copy and the stored one, and storage empties it after a write.
    /// </summary>
    [NonSerialized]
    private readonly HashSet<string> _changedHolds = new(StringComparer.Ordinal);

    public HashSet<string> ChangedHolds => _changedHolds;
}

[GenerateSerializer]
[Alias("qm.HoldRecord")]
public sealed class HoldRecord
{
    [Id(0)]
    public long Quantity { get; init; }

    [Id(1)]
    public DateTimeOffset? ExpiresAt { get; set; }

    [Id(2)]
    public HoldStatus Status { get; set; }

    [Id(3)]
    public string? Ref { get; init; }
}
