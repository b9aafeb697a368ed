using Quartermaster.Contracts.Stock;
using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.Contracts.Events;

/// <summary>A completed transfer: what moved, and both stock items as it left them.</summary>
public sealed record TransferCompletedDto(
    string MovementId, string Sku, string FromWarehouseId, string ToWarehouseId, long Quantity, StockItemDto From, StockItemDto To)
{
    public static TransferCompletedDto Of(TransferView t) =>
        new(t.MovementId, t.Sku, t.FromWarehouseId, t.ToWarehouseId, t.Quantity, StockItemDto.From(t.Result.From), StockItemDto.From(t.Result.To));
}
