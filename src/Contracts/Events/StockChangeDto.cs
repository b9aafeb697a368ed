using System.Text.Json.Serialization;
using Quartermaster.Contracts.Stock;
using Quartermaster.Grains.Abstractions.Events;

namespace Quartermaster.Contracts.Events;

/// <summary>
/// A stock item as one ledger entry left it, with that entry; the entry is null for a low-stock crossing caused
/// by a change of the item's threshold.
/// </summary>
public sealed record StockChangeDto(
    string Sku, string WarehouseId, long OnHand, long Reserved, long Available, long Version, LedgerEntryDto? LedgerEntry,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? LowStockThreshold = null)
{
    public static StockChangeDto From(StockChange change)
    {
        var item = StockItemDto.From(change.Item);
        return new(item.Sku, item.WarehouseId, item.OnHand, item.Reserved, item.Available, item.Version,
            change.Entry is null ? null : LedgerEntryDto.From(change.Entry), item.LowStockThreshold);
    }
}
