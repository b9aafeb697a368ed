using Quartermaster.ApiFrontend.Tests.Fixtures;
using Quartermaster.Client.Problems;

namespace Quartermaster.ApiFrontend.Tests.Client;

/// <summary>Thresholds and the stock list through the .NET client.</summary>
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

        Assert.Equal(5, (await stock.SetLowStockThresholdAsync("p1", "w1", 5)).LowStockThreshold);
        Assert.Equal(["p1"], (await stock.ListAsync(lowOnly: true)).Items.Select(i => i.Sku));
        Assert.Equal(["p1", "p2"], await stock.EnumerateAsync(warehouseId: "w1", pageSize: 1).Select(i => i.Sku).ToListAsync());
        Assert.Equal(["p2"], (await stock.ListAsync(skuPrefix: "p2")).Items.Select(i => i.Sku));

        Assert.Equal(0, (await stock.SetLowStockThresholdAsync("p1", "w1", null)).LowStockThreshold);
        Assert.Empty((await stock.ListAsync(lowOnly: true)).Items);
        var bad = await Assert.ThrowsAsync<QuartermasterProblemException>(() => stock.SetLowStockThresholdAsync("p1", "w1", -1));
        Assert.Equal((400, ProblemCodes.ValidationFailed), (bad.Status, bad.Code));
    }
}
