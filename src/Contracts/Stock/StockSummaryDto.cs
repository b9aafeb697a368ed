namespace Quartermaster.Contracts.Stock;

public sealed record StockSummaryDto(
    string Sku, long OnHand, long Reserved, long Available, IReadOnlyList<StockItemDto> Warehouses, string? NextCursor = null);
