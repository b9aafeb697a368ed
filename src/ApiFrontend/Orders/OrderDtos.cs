using System.ComponentModel.DataAnnotations;
using Quartermaster.Contracts.Schema;

namespace Quartermaster.ApiFrontend.Orders;

public sealed record OrderLineDto([property: Required, ResourceId] string? Sku, [property: Required, ResourceId] string? WarehouseId, [property: Required, Range(1, 1_000_000_000)] long? Quantity);

public sealed record PlaceOrderRequest(
    [property: Required, ResourceId] string? OrderId,
    [property: Required, MinLength(1), MaxLength(OrderRequestValidation.MaxLines)] IReadOnlyList<OrderLineDto?>? Lines,
    [property: ResourceId] string? CustomerRef = null);
