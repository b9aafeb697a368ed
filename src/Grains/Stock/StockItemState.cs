using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.Grains.Stock;

/// <summary>
/// What a stock item keeps in memory: its levels, the seq of its last ledger entry and its active holds. The
/// history (ledger entries, finished holds) lives in storage and is read from there when asked for, so the
/// state costs the same after a million movements as after one.
/// </summary>
[GenerateSerializer]
[Alias("qm.StockItemState")]
public sealed class StockItemState
{
    [Id(0)]
    public long OnHand { get; set; }

    [Id(1)]
    public long Reserved { get; set; }

    // Id 2 held the whole ledger; it is not reused.

    /// <summary>
    /// Active holds only; a hold leaves this map when it ends (its row stays in storage). Created on first use:
    /// most stock items have no active hold.
    /// </summary>
    [Id(3)]
    public Dictionary<string, HoldRecord> Holds
    {
        get => _holds ??= new Dictionary<string, HoldRecord>(StringComparer.Ordinal);
        set => _holds = value;
    }

    [NonSerialized]
    private Dictionary<string, HoldRecord>? _holds;

    public bool HasHolds() => _holds is { Count: > 0 };

    /// <summary>The seq of the last ledger entry, written or not: the ledger's length.</summary>
    [Id(4)]
    public long LastSeq { get; set; }

    /// <summary>The item's own low-stock threshold; null follows the tenant's.</summary>
    [Id(5)]
    public long? LowStockThreshold { get; set; }

    /// <summary>
    /// Whether the last crossing recorded was <c>stock.low</c>: the side of the threshold the item's events last
    /// told. A change is a crossing when it leaves the item on the other side, so the events of one item
    /// alternate, whatever the thresholds did in between.
    /// </summary>
    [Id(6)]
    public bool Low { get; set; }

    /// <summary>
    /// The changes made since the last successful write, which storage appends and upserts. Not serialised
    /// (no [Id], and reached through methods, which no JSON serialiser of the in-memory storage picks up): it
    /// describes the difference between this copy and the stored one. Created on first change, since most
    /// stock items are only ever read.
    /// </summary>
    [NonSerialized]
    private StockChanges? _unwritten;

    public StockChanges Unwritten() => _unwritten ??= new StockChanges();

    public bool HasUnwritten() => _unwritten is { IsEmpty: false };

    /// <summary>After a successful write: the stored copy now equals this one.</summary>
    public void MarkWritten() => _unwritten = null;
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
