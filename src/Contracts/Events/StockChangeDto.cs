using Quartermaster.Contracts.Stock;
using Quartermaster.Grains.Abstractions.Events;

namespace Quartermaster.Contracts.Events;

/// <summary>A stock item as one ledger entry left it, with that entry.</summary>
public sealed record StockChangeDto(
    string Sku, string WarehouseId, long OnHand, long Reserved, long Available, long Version, LedgerEntryDto LedgerEntry)
{
    public static StockChangeDto From(StockChange change)
    {
        var item = StockItemDto.From(change.Item);
        return new(item.Sku, item.WarehouseId, item.OnHand, item.Reserved, item.Available, item.Version, LedgerEntryDto.From(change.Entry));
    }
}
