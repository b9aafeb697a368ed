using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Quartermaster.Contracts.Schema;
using Quartermaster.Contracts.Stock;
using Quartermaster.Grains.Abstractions.Events;

namespace Quartermaster.Contracts.Events;

/// <summary>
/// A stock item as one ledger entry left it, with that entry; the entry is null for a low-stock crossing caused
/// by a change of the item's threshold.
/// </summary>
public sealed record StockChangeDto(
    [property: ResourceId] string Sku, [property: ResourceId] string WarehouseId, [property: AtLeast(0)] long OnHand,
    [property: AtLeast(0)] long Reserved, [property: AtLeast(0)] long Available, [property: AtLeast(0)] long Version, LedgerEntryDto? LedgerEntry,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), Range(0, 1_000_000_000)] long? LowStockThreshold = null)
{
    public static StockChangeDto From(StockChange change)
    {
        var item = StockItemDto.From(change.Item);
        return new(item.Sku, item.WarehouseId, item.OnHand, item.Reserved, item.Available, item.Version,
            change.Entry is null ? null : LedgerEntryDto.From(change.Entry), item.LowStockThreshold);
    }
}
