using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.Grains.Stock.InMemory;

[GenerateSerializer]
[Alias("qm.StockIndexState")]
public sealed class StockIndexState
{
    /// <summary>Keyed by "sku/warehouseId" (neither holds a slash).</summary>
    [Id(0)]
    public Dictionary<string, StockLevels> Items { get; set; } = new(StringComparer.Ordinal);
}
