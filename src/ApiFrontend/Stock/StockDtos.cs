using System.ComponentModel.DataAnnotations;
using Quartermaster.ApiFrontend.OpenApi;
using Quartermaster.Grains.Abstractions.Tenants;

namespace Quartermaster.ApiFrontend.Stock;

public sealed record ReceiptRequest([property: Required, ResourceId] string? MovementId, [property: Required, Range(1, 1_000_000_000)] long? Quantity, [property: StringLength(500, MinimumLength = 1)] string? Reason = null);

public sealed record AdjustmentRequest(
    [property: Required, ResourceId] string? MovementId, [property: Required, Range(0, 1_000_000_000)] long? CountedOnHand,
    [property: Required, StringLength(500, MinimumLength = 1)] string? Reason);

public sealed record TransferRequestDto(
    [property: Required, ResourceId] string? MovementId, [property: Required, ResourceId] string? Sku, [property: Required, ResourceId] string? FromWarehouseId, [property: Required, ResourceId] string? ToWarehouseId, [property: Required, Range(1, 1_000_000_000)] long? Quantity);

public sealed record PlaceHoldRequest(
    [property: Required, ResourceId] string? HoldId, [property: Required, Range(1, 1_000_000_000)] long? Quantity,
    [property: Range(TenantSettings.MinReservationTtlSeconds, TenantSettings.MaxReservationTtlSeconds)] long? TtlSeconds = null);

/// <param name="LowStockThreshold">0..1e9; null (or left out) follows the tenant's lowStockThreshold; 0 means no alerts.</param>
public sealed record LowStockThresholdRequest([property: Range(0, 1_000_000_000)] long? LowStockThreshold = null);
