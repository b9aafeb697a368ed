using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.Grains.Stock.LowStock;

/// <summary>
/// When a stock item is low: it has been stocked (it has a ledger entry), its available is at or below its
/// threshold, and the threshold is above 0 (a threshold of 0 means no alerts). A crossing is a change from one
/// side to the other.
/// </summary>
public static class LowStockRule
{
    public static bool IsLow(long available, long threshold) => threshold > 0 && available <= threshold;

    public static bool IsLow(StockLevels item) => item.Version > 0 && IsLow(item.Available, item.LowStockThreshold ?? 0);
}
