namespace Quartermaster.Contracts.Stock;

public sealed record TransferResultDto(StockItemDto From, StockItemDto To);
