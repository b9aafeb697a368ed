using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Orders;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Abstractions.Tenants;
using Quartermaster.Grains.Tests.Infrastructure;

namespace Quartermaster.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class GrainReferencesTests(ClusterFixture fixture)
{
    [Fact]
    public void A_reference_built_from_resolved_types_is_the_one_Orleans_gives_for_each_interface()
    {
        string[] keys = [GrainKeys.StockItem("t1", "sku-a", "w1"), GrainKeys.Order("t1", "o-1"), GrainKeys.Tenant("t1")];

        foreach (var key in keys)
        {
            AssertSame(fixture.Grains.GetGrain<IStockItemGrain>(key), fixture.Grains.Get<IStockItemGrain>(key));
            AssertSame(fixture.Grains.GetGrain<IOrderGrain>(key), fixture.Grains.Get<IOrderGrain>(key));
            AssertSame(fixture.Grains.GetGrain<ITenantGrain>(key), fixture.Grains.Get<ITenantGrain>(key));
        }
    }

    [Fact]
    public async Task A_reference_built_from_resolved_types_reaches_its_grain()
    {
        var tenant = await TestTenant.CreateAsync(fixture.Grains, ["sku-a"], ["w1"]);
        var key = GrainKeys.StockItem(tenant.Id, "sku-a", "w1");

        (await fixture.Grains.Get<IStockItemGrain>(key).Apply(new Movement("m1", LedgerEntryType.Receipt, 7, null, null))).Ok();

        Assert.Equal(7, (await tenant.Stock("sku-a", "w1").Get()).Ok().OnHand);
    }

    private static void AssertSame(IAddressable expected, IAddressable actual)
    {
        Assert.Equal(expected.GetGrainId(), actual.GetGrainId());
        Assert.Equal(((GrainReference)expected).InterfaceType, ((GrainReference)actual).InterfaceType);
        Assert.Equal(expected.GetType(), actual.GetType());
    }
}
