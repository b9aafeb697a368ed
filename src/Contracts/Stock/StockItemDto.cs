using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.Contracts.Stock;

public sealed record StockItemDto(string Sku, string WarehouseId, long OnHand, long Reserved, long Available, long Version)
{
    public static StockItemDto From(StockLevels s) => new(s.Sku, s.WarehouseId, s.OnHand, s.Reserved, s.Available, s.Version);
}
