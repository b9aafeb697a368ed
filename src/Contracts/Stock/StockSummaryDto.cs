using Quartermaster.Contracts.Schema;

namespace Quartermaster.Contracts.Stock;

public sealed record StockSummaryDto(
    [property: ResourceId] string Sku, [property: AtLeast(0)] long OnHand, [property: AtLeast(0)] long Reserved, [property: AtLeast(0)] long Available, IReadOnlyList<StockItemDto> Warehouses, string? NextCursor = null);
