using Quartermaster.Contracts.Schema;
using Quartermaster.Grains.Abstractions.Orders;

namespace Quartermaster.Contracts.Orders;

public sealed record OrderDto(
    [property: ResourceId] string OrderId, OrderStatus Status, [property: ResourceId] string? CustomerRef, IReadOnlyList<OrderLineView> Lines,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ExpiresAt, IReadOnlyList<OrderHistoryDto> History)
{
    public static OrderDto From(OrderView o) => new(
        o.OrderId, o.Status, o.CustomerRef,
        o.Lines.Select(l => new OrderLineView(l.Sku, l.WarehouseId, l.Quantity)).ToList(),
        o.CreatedAt, o.UpdatedAt, o.ExpiresAt,
        o.History.Select(h => new OrderHistoryDto(h.Status, h.At)).ToList());
}
