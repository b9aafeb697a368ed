using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.Contracts.Stock;

public sealed record HoldDto(string HoldId, long Quantity, DateTimeOffset? ExpiresAt, HoldStatus Status, StockItemDto Stock)
{
    public static HoldDto From(HoldView h) => new(h.HoldId, h.Quantity, h.ExpiresAt, h.Status, StockItemDto.From(h.Stock));
}
