using Quartermaster.ApiFrontend.Tests.Fixtures;
using Quartermaster.Client.Problems;

namespace Quartermaster.ApiFrontend.Tests.Client;

/// <summary>Thresholds (with If-Match) and the stock list through the .NET client.</summary>
[Collection(ApiCollection.Name)]
public sealed class ClientLowStockTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_threshold_is_set_and_cleared_and_the_low_items_are_listed()
    {
        var tenant = await fixture.NewTenantAsync("client-low", defaultSettings: true);
        await tenant.SeedAsync(["p1", "p2"], ["w1"], onHand: 4);
        using var host = new ClientHost(fixture, tenant.Key);
        var stock = host.Client.Stock;

        var read = await stock.GetItemAsync("p1", "w1");
        var set = await stock.SetLowStockThresholdAsync("p1", "w1", 5, ifMatch: read.ETag);
        Assert.Equal(5, set.Value.LowStockThreshold);
        var stale = await Assert.ThrowsAsync<QuartermasterProblemException>(() => stock.SetLowStockThresholdAsync("p1", "w1", 6, ifMatch: read.ETag));
        Assert.Equal((412, ProblemCodes.PreconditionFailed), (stale.Status, stale.Code));
        Assert.Equal(set.ETag, (await stock.GetItemAsync("p1", "w1")).ETag);
        Assert.Equal(["p1"], (await stock.ListAsync(lowOnly: true)).Items.Select(i => i.Sku));
        Assert.Equal(["p1", "p2"], await stock.EnumerateAsync(warehouseId: "w1", pageSize: 1).Select(i => i.Sku).ToListAsync());
        Assert.Equal(["p2"], (await stock.ListAsync(skuPrefix: "p2")).Items.Select(i => i.Sku));

        Assert.Equal(0, (await stock.SetLowStockThresholdAsync("p1", "w1", null, ifMatch: set.ETag)).Value.LowStockThreshold);
        Assert.Empty((await stock.ListAsync(lowOnly: true)).Items);
        var bad = await Assert.ThrowsAsync<QuartermasterProblemException>(() => stock.SetLowStockThresholdAsync("p1", "w1", -1));
        Assert.Equal((400, ProblemCodes.ValidationFailed), (bad.Status, bad.Code));
    }
}
