using System.ComponentModel.DataAnnotations;
using Quartermaster.ApiFrontend.OpenApi;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Abstractions.Tenants;

namespace Quartermaster.ApiFrontend.Stock;

public sealed record StockItemDto(string Sku, string WarehouseId, long OnHand, long Reserved, long Available, long Version)
{
    public static StockItemDto From(StockLevels s) => new(s.Sku, s.WarehouseId, s.OnHand, s.Reserved, s.Available, s.Version);
}

public sealed record StockSummaryDto(
    string Sku, long OnHand, long Reserved, long Available, IReadOnlyList<StockItemDto> Warehouses, string? NextCursor = null);

public sealed record ReceiptRequest([property: Required, ResourceId] string? MovementId, [property: Required, Range(1, 1_000_000_000)] long? Quantity, [property: StringLength(500, MinimumLength = 1)] string? Reason = null);

public sealed record AdjustmentRequest(
    [property: Required, ResourceId] string? MovementId, [property: Required, Range(0, 1_000_000_000)] long? CountedOnHand,
    [property: Required, StringLength(500, MinimumLength = 1)] string? Reason);

public sealed record TransferRequestDto(
    [property: Required, ResourceId] string? MovementId, [property: Required, ResourceId] string? Sku, [property: Required, ResourceId] string? FromWarehouseId, [property: Required, ResourceId] string? ToWarehouseId, [property: Required, Range(1, 1_000_000_000)] long? Quantity);

public sealed record TransferResultDto(StockItemDto From, StockItemDto To);

public sealed record LedgerEntryDto(
    long Seq, string MovementId, LedgerEntryType Type, long Quantity, long OnHandAfter, long ReservedAfter,
    DateTimeOffset At, string? Reason, string? Ref)
{
    public static LedgerEntryDto From(LedgerEntry e) =>
        new(e.Seq, e.MovementId, e.Type, e.Quantity, e.OnHandAfter, e.ReservedAfter, e.At, e.Reason, e.Ref);
}

public sealed record PlaceHoldRequest(
    [property: Required, ResourceId] string? HoldId, [property: Required, Range(1, 1_000_000_000)] long? Quantity,
    [property: Range(TenantSettings.MinReservationTtlSeconds, TenantSettings.MaxReservationTtlSeconds)] long? TtlSeconds = null);

public sealed record HoldDto(string HoldId, long Quantity, DateTimeOffset? ExpiresAt, HoldStatus Status, StockItemDto Stock)
{
    public static HoldDto From(HoldView h) => new(h.HoldId, h.Quantity, h.ExpiresAt, h.Status, StockItemDto.From(h.Stock));
}
