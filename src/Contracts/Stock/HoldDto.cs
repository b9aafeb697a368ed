using System.ComponentModel.DataAnnotations;
using Quartermaster.Contracts.Schema;
using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.Contracts.Stock;

public sealed record HoldDto([property: ResourceId] string HoldId, [property: Range(1, 1_000_000_000)] long Quantity, DateTimeOffset? ExpiresAt, HoldStatus Status, StockItemDto Stock)
{
    public static HoldDto From(HoldView h) => new(h.HoldId, h.Quantity, h.ExpiresAt, h.Status, StockItemDto.From(h.Stock));
}
