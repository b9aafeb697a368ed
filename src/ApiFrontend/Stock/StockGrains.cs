using Quartermaster.ApiFrontend.Security;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.ApiFrontend.Stock;

internal static class StockGrains
{
    public static IStockItemGrain StockItem(this IGrainFactory grains, TenantContext tenant, string sku, string warehouseId) =>
        grains.Get<IStockItemGrain>(GrainKeys.StockItem(tenant.TenantId, sku, warehouseId));
}
