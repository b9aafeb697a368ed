using System.ComponentModel.DataAnnotations;
using Quartermaster.ApiFrontend.OpenApi;
using Quartermaster.Grains.Abstractions.Orders;

namespace Quartermaster.ApiFrontend.Orders;

public sealed record OrderLineDto([property: Required, ResourceId] string? Sku, [property: Required, ResourceId] string? WarehouseId, [property: Required, Range(1, 1_000_000_000)] long? Quantity);

public sealed record PlaceOrderRequest(
    [property: Required, ResourceId] string? OrderId,
    [property: Required, MinLength(1), MaxLength(OrderRequestValidation.MaxLines)] IReadOnlyList<OrderLineDto?>? Lines,
    [property: ResourceId] string? CustomerRef = null);

public sealed record OrderLineView(string Sku, string WarehouseId, long Quantity);

public sealed record OrderHistoryDto(OrderStatus Status, DateTimeOffset At);

public sealed record OrderDto(
    string OrderId, OrderStatus Status, string? CustomerRef, IReadOnlyList<OrderLineView> Lines,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ExpiresAt, IReadOnlyList<OrderHistoryDto> History)
{
    public static OrderDto From(OrderView o) => new(
        o.OrderId, o.Status, o.CustomerRef,
        o.Lines.Select(l => new OrderLineView(l.Sku, l.WarehouseId, l.Quantity)).ToList(),
        o.CreatedAt, o.UpdatedAt, o.ExpiresAt,
        o.History.Select(h => new OrderHistoryDto(h.Status, h.At)).ToList());
}
