using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Quartermaster.ApiFrontend.OpenApi;
using Quartermaster.Contracts.Schema;
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

public sealed record LowStockThresholdRequest
{
    private readonly long? _lowStockThreshold;

    /// <summary>0..1e9; null follows the tenant's lowStockThreshold; 0 means no alerts. Required: a body without it is refused, not read as null.</summary>
    [Range(0, 1_000_000_000), RequiredEvenIfNull]
    public long? LowStockThreshold
    {
        get => _lowStockThreshold;
        init
        {
            _lowStockThreshold = value;
            Sent = true;
        }
    }

    /// <summary>Whether the body named <see cref="LowStockThreshold"/>, as null or a number.</summary>
    [JsonIgnore]
    public bool Sent { get; private init; }
}
