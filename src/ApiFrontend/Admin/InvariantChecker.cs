using Quartermaster.Grains.Abstractions.Catalog;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Orders;
using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.ApiFrontend.Admin;

/// <summary>
/// Checks a tenant end to end: every stock item's ledger replays to its levels with 0 &lt;= reserved &lt;= onHand
/// and holds that add up; every active hold belongs to a live order or has not yet expired (with the
/// contract's 60-second grace); every reserved or confirmed order holds every one of its lines.
/// </summary>
public sealed class InvariantChecker(IGrainFactory grains, TimeProvider clock)
{
    public static readonly TimeSpan ExpiryGrace = TimeSpan.FromSeconds(60);
    private const int PageSize = 500;

    public async Task<InvariantReport> CheckAsync(string tenantId, CancellationToken cancellationToken)
    {
        var violations = new List<string>();
        var orders = await AllOrdersAsync(tenantId, cancellationToken);
        var audits = await AuditStockAsync(tenantId, cancellationToken);
        var now = clock.GetUtcNow();

        foreach (var (key, audit) in audits)
        {
            violations.AddRange(audit.Violations.Select(v => $"stock {key}: {v}"));
            foreach (var hold in audit.ActiveHolds)
            {
                var live = hold.Ref is { } orderId
                    ? orders.TryGetValue(orderId, out var order) && order.Status is OrderStatus.Reserved or OrderStatus.Confirmed
                    : hold.ExpiresAt is null || hold.ExpiresAt + ExpiryGrace > now;
                if (!live)
                {
                    violations.Add($"stock {key}: active hold {hold.HoldId} belongs to no live order and is past its expiry");
                }
            }
        }

        foreach (var order in orders.Values.Where(o => o.Status is OrderStatus.Reserved or OrderStatus.Confirmed))
        {
            foreach (var line in order.Lines.GroupBy(l => (l.Sku, l.WarehouseId)))
            {
                var key = $"{line.Key.Sku}/{line.Key.WarehouseId}";
                var held = audits.TryGetValue(key, out var audit)
                    ? audit.ActiveHolds.Where(h => h.Ref == order.OrderId).Sum(h => h.Quantity)
                    : 0;
                if (held != line.Sum(l => l.Quantity))
                {
                    violations.Add($"order {order.OrderId} is {order.Status.ToString().ToLowerInvariant()} but holds {held} of {line.Sum(l => l.Quantity)} on {key}");
                }
            }
        }

        return new InvariantReport(tenantId, violations.Count == 0, audits.Count, orders.Count, now, violations);
    }

    private async Task<Dictionary<string, OrderView>> AllOrdersAsync(string tenantId, CancellationToken cancellationToken)
    {
        var index = grains.GetGrain<IOrderSearchGrain>(tenantId);
        var orders = new Dictionary<string, OrderView>(StringComparer.Ordinal);
        OrderPosition? after = null;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await index.Query(new OrderQuery(null, null, null, null, after, PageSize));
            foreach (var order in page.Items)
            {
                orders[order.OrderId] = order;
            }

            after = page.Next;
        }
        while (after is not null);
        return orders;
    }

    private async Task<Dictionary<string, StockAudit>> AuditStockAsync(string tenantId, CancellationToken cancellationToken)
    {
        var catalog = grains.GetGrain<ICatalogGrain>(tenantId);
        var warehouses = await catalog.WarehouseIds();
        var audits = new Dictionary<string, StockAudit>(StringComparer.Ordinal);
        string? after = null;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            var products = await grains.GetGrain<IProductSearchGrain>(tenantId).Query(new ProductQuery(null, after, PageSize));
            var keys = products.Items.SelectMany(p => warehouses.Select(w => (p.Sku, Warehouse: w))).ToList();
            var results = await Task.WhenAll(keys.Select(k =>
                grains.GetGrain<IStockItemGrain>(GrainKeys.StockItem(tenantId, k.Sku, k.Warehouse)).Audit()));
            for (var i = 0; i < keys.Count; i++)
            {
                if (results[i].Value is { } audit)
                {
                    audits[$"{keys[i].Sku}/{keys[i].Warehouse}"] = audit;
                }
            }

            after = products.NextAfter;
        }
        while (after is not null);
        return audits;
    }
}
