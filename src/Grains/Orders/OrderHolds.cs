using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Orders;
using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.Grains.Orders;

/// <summary>The holds of one order, one per line, addressed by ids derived from the order id and line.</summary>
internal sealed class OrderHolds(IGrainFactory grains, OrderKey order, int attempt, IReadOnlyList<OrderLine> lines)
{
    /// <summary>The stock item's own expiry trails the order's, so the order's expiry normally acts first.</summary>
    public static readonly TimeSpan StockExpiryGrace = TimeSpan.FromSeconds(30);

    /// <summary>':' is outside the client id charset, so these never collide with a client's hold ids.</summary>
    public string HoldId(int line) => $"order:{order.OrderId}:{attempt}:{line}";

    public Task<Outcome<HoldView>[]> PlaceAll(TimeSpan orderLifetime) =>
        Task.WhenAll(lines.Select((line, i) =>
            StockItem(line).PlaceHold(new HoldRequest(HoldId(i), line.Quantity, orderLifetime + StockExpiryGrace, order.OrderId))));

    public Task<Outcome<HoldView>[]> ForEach(Func<IStockItemGrain, string, Task<Outcome<HoldView>>> operation) =>
        Task.WhenAll(lines.Select((line, i) => operation(StockItem(line), HoldId(i))));

    private IStockItemGrain StockItem(OrderLine line) =>
        grains.Get<IStockItemGrain>(GrainKeys.StockItem(order.TenantId, line.Sku, line.WarehouseId));
}
