using System.Text.Json.Serialization;
using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.Contracts.Stock;

/// <param name="LowStockThreshold">
/// The threshold in force (the item's own, else the tenant's); left out where it is not known: the item in a
/// stock.changed or hold.expired event.
/// </param>
public sealed record StockItemDto(
    string Sku, string WarehouseId, long OnHand, long Reserved, long Available, long Version,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? LowStockThreshold = null)
{
    public static StockItemDto From(StockLevels s) => new(s.Sku, s.WarehouseId, s.OnHand, s.Reserved, s.Available, s.Version, s.LowStockThreshold);
}
