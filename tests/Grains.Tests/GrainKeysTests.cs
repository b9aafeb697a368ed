using Quartermaster.Grains.Abstractions.Identifiers;

namespace Quartermaster.Grains.Tests;

public sealed class GrainKeysTests
{
    [Fact]
    public void Stock_item_keys_parsed_apart_share_one_tenant_and_one_warehouse_string_once_asked_to()
    {
        // Built from separate strings, so the parts are equal but never the same object unless they are shared.
        var first = GrainKeys.ParseStockItem(string.Concat("shared-t", "/sku-1/", "shared-w"));
        var second = GrainKeys.ParseStockItem(string.Concat("shared-t", "/sku-2/", "shared-w"));

        Assert.NotSame(first.WarehouseId, second.WarehouseId);
        var (sharedFirst, sharedSecond) = (first.WithSharedIds(), second.WithSharedIds());
        Assert.Same(sharedFirst.TenantId, sharedSecond.TenantId);
        Assert.Same(sharedFirst.WarehouseId, sharedSecond.WarehouseId);
        Assert.Equal(new StockItemKey("shared-t", "sku-2", "shared-w"), sharedSecond);
    }

    [Theory]
    [InlineData("t1/sku-1")]
    [InlineData("t1/sku-1/w1/extra")]
    [InlineData("t1//w1")]
    [InlineData("t 1/sku-1/w1")]
    public void A_stock_item_key_that_is_not_three_identifiers_is_refused(string key) =>
        Assert.Throws<FormatException>(() => GrainKeys.ParseStockItem(key));
}
