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
