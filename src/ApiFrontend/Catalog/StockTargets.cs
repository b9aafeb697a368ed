using Quartermaster.Grains.Abstractions.Catalog;
using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.ApiFrontend.Security;

namespace Quartermaster.ApiFrontend.Catalog;

/// <summary>
/// Asks the catalog whether a stock item's product and warehouse exist before its grain is called, so a read
/// or write naming an unknown one activates no stock grain. Products and warehouses are never deleted, so a
/// pair found once is remembered (bounded, least recently used first out); unknown pairs are asked again.
/// </summary>
public sealed class StockTargets(IGrainFactory grains)
{
    private const int Capacity = 100_000;

    private readonly BoundedCache<bool> _known = new(Capacity);

    public async Task<Failure?> CheckAsync(string tenantId, string sku, string warehouseId)
    {
        var key = string.Join('/', tenantId, sku, warehouseId);
        if (_known.TryGet(key, out _))
        {
            return null;
        }

        var failure = await grains.GetGrain<ICatalogGrain>(tenantId).CheckStockTarget(sku, warehouseId);
        if (failure is null)
        {
            _known.Set(key, true);
        }

        return failure;
    }
}
