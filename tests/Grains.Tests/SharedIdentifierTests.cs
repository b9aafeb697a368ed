using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Tests.Infrastructure;

namespace Quartermaster.Grains.Tests;

/// <summary>
/// Stock items share their tenant and warehouse id strings through a bounded process-wide pool; only items whose
/// catalog check passed may add to it, so a caller naming made-up warehouses cannot fill it. The test silos run in
/// this process, so the pool seen here is theirs.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SharedIdentifierTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Only_stock_items_that_pass_their_catalog_check_add_their_ids_to_the_shared_pool()
    {
        var tenant = await TestTenant.CreateAsync(fixture.Grains, ["sku-1"], ["wh-real"]);
        var madeUp = TestTenant.NewId("wh-made-up");

        (await tenant.Stock("sku-1", madeUp).Get()).Refused(FailureCode.NotFound);
        (await tenant.Stock("sku-1", "wh-real").Get()).Ok();

        // A freshly parsed id comes back as itself only if the pool did not hold that id already.
        var refused = GrainKeys.ParseStockItem(GrainKeys.StockItem(tenant.Id, "sku-1", madeUp));
        Assert.Same(refused.WarehouseId, refused.WithSharedIds().WarehouseId);
        var served = GrainKeys.ParseStockItem(GrainKeys.StockItem(tenant.Id, "sku-1", "wh-real"));
        Assert.NotSame(served.TenantId, served.WithSharedIds().TenantId);
    }
}
