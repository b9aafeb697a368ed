using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.ApiFrontend.Stock;

public sealed record StockItemDto(string Sku, string WarehouseId, long OnHand, long Reserved, long Available, long Version)
{
    public static StockItemDto From(StockLevels s) => new(s.Sku, s.WarehouseId, s.OnHand, s.Reserved, s.Available, s.Version);
}

public sealed record StockSummaryDto(
    string Sku, long OnHand, long Reserved, long Available, IReadOnlyList<StockItemDto> Warehouses, string? NextCursor = null);

public sealed record ReceiptRequest(string? MovementId, long? Quantity, string? Reason = null);

public sealed record AdjustmentRequest(string? MovementId, long? CountedOnHand, string? Reason);

public sealed record TransferRequestDto(string? MovementId, string? Sku, string? FromWarehouseId, string? ToWarehouseId, long? Quantity);

public sealed record TransferResultDto(StockItemDto From, StockItemDto To);

public sealed record LedgerEntryDto(
    long Seq, string MovementId, LedgerEntryType Type, long Quantity, long OnHandAfter, long ReservedAfter,
    DateTimeOffset At, string? Reason, string? Ref)
{
    public static LedgerEntryDto From(LedgerEntry e) =>
        new(e.Seq, e.MovementId, e.Type, e.Quantity, e.OnHandAfter, e.ReservedAfter, e.At, e.Reason, e.Ref);
}

public sealed record PlaceHoldRequest(string? HoldId, long? Quantity, long? TtlSeconds = null);

public sealed record HoldDto(string HoldId, long Quantity, DateTimeOffset? ExpiresAt, HoldStatus Status, StockItemDto Stock)
{
    public static HoldDto From(HoldView h) => new(h.HoldId, h.Quantity, h.ExpiresAt, h.Status, StockItemDto.From(h.Stock));
}
