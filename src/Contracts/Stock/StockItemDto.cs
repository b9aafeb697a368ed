using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Quartermaster.Contracts.Schema;
using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.Contracts.Stock;

/// <param name="LowStockThreshold">
/// The threshold in force (the item's own, else the tenant's); left out where it is not known: the item in a
/// stock.changed or hold.expired event.
/// </param>
public sealed record StockItemDto(
    [property: ResourceId] string Sku, [property: ResourceId] string WarehouseId, [property: AtLeast(0)] long OnHand,
    [property: AtLeast(0)] long Reserved, [property: AtLeast(0)] long Available, [property: AtLeast(0)] long Version,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), Range(0, 1_000_000_000)] long? LowStockThreshold = null)
{
    public static StockItemDto From(StockLevels s) => new(s.Sku, s.WarehouseId, s.OnHand, s.Reserved, s.Available, s.Version, s.LowStockThreshold);
}
