using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Orders;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Hosting;
using Quartermaster.Grains.Orders;

namespace Quartermaster.Persistence.Tests.Storage;

/// <summary>
/// A new activation places an order by inserting its intent without reading first; a stored row refuses that insert,
/// and the activation must then answer from the row, exactly as one that had read it would.
/// </summary>
public sealed class OrderPlacementWithoutReadTests(DurableSilo silo) : IClassFixture<DurableSilo>
{
    private const string Tenant = "t-order-unread";

    [Fact]
    public async Task A_placement_retried_on_a_fresh_activation_is_answered_from_the_row_and_reserves_nothing_more()
    {
        var item = await StockedItemAsync("sku-retry", onHand: 10);
        PlaceOrder command = new(null, [new OrderLine("sku-retry", "w1", 2)], 600);
        var first = await Order("o-retry").Place(command);
        Assert.Equal(OrderStatus.Reserved, first.Value?.Status);
        var sameActivation = await Order("o-retry").Place(command);
        Assert.Equal((first.Value!.Version, first.Value.CreatedAt), (sameActivation.Value!.Version, sameActivation.Value.CreatedAt));
        Assert.Equal(2, (await item.Get()).Value!.Reserved);

        await DeactivateEveryIdleGrainAsync();
        var again = await Order("o-retry").Place(command);
        Assert.Equal(OrderStatus.Reserved, again.Value?.Status);
        Assert.Equal((first.Value.Version, first.Value.CreatedAt), (again.Value!.Version, again.Value.CreatedAt));
        Assert.Equal(2, (await item.Get()).Value!.Reserved);

        await DeactivateEveryIdleGrainAsync();
        var other = await Order("o-retry").Place(command with { Lines = [new OrderLine("sku-retry", "w1", 3)] });
        Assert.Equal(FailureCode.Conflict, other.Failure?.Code);
        Assert.Equal(2, (await item.Get()).Value!.Reserved);
        Assert.Equal(1L, await silo.Database.ScalarAsync<long>(
            "SELECT count(*) FROM qm_stock_holds WHERE tenant_id = $1 AND sku = 'sku-retry' AND status = 'active'", Tenant));
    }

    [Fact]
    public async Task A_placement_refused_for_stock_can_be_placed_again_on_a_fresh_activation_with_new_holds()
    {
        var item = await StockedItemAsync("sku-short", onHand: 1);
        PlaceOrder command = new(null, [new OrderLine("sku-short", "w1", 2)], 600);
        Assert.Equal(FailureCode.InsufficientStock, (await Order("o-short").Place(command)).Failure?.Code);

        await DeactivateEveryIdleGrainAsync();
        Assert.Null((await item.Apply(new Movement("r-more", LedgerEntryType.Receipt, 5, null, null))).Failure);
        var placed = await Order("o-short").Place(command);

        Assert.Equal(OrderStatus.Reserved, placed.Value?.Status);
        Assert.Equal(2, (await item.Get()).Value!.Reserved);
        Assert.Equal("reserved", await silo.Database.ScalarAsync<string>(
            "SELECT status FROM qm_orders WHERE tenant_id = $1 AND order_id = 'o-short'", Tenant));
        Assert.Equal(2L, await silo.Database.ScalarAsync<long>(
            "SELECT (payload->>'Attempt')::bigint FROM qm_orders WHERE tenant_id = $1 AND order_id = 'o-short'", Tenant));
    }

    [Fact]
    public async Task A_placement_over_the_intent_a_crash_left_undoes_its_holds_first_and_places_once()
    {
        var item = await StockedItemAsync("sku-left", onHand: 10);
        var lines = new[] { new OrderLine("sku-left", "w1", 2) };
        var now = DateTimeOffset.UtcNow;
        // What a silo killed after the intent and the first hold leaves: the row says "placing", one hold is active.
        var leftover = new GrainState<OrderState>(new OrderState
        {
            Attempt = 1,
            Target = OrderStatus.Reserved,
            Lines = [.. lines],
            CreatedAt = now,
            UpdatedAt = now,
            ExpiresAt = now.AddMinutes(10),
            DueAt = now.AddMinutes(1),
        });
        await silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Orders)
            .WriteStateAsync(StateNames.Order, Order("o-left").GetGrainId(), leftover);
        Assert.Null((await item.PlaceHold(new HoldRequest("order:o-left:1:0", 2, TimeSpan.FromMinutes(10), "o-left"))).Failure);

        var placed = await Order("o-left").Place(new PlaceOrder(null, lines, 600));

        Assert.Equal(OrderStatus.Reserved, placed.Value?.Status);
        Assert.Equal(2, (await item.Get()).Value!.Reserved);
        Assert.Equal("order:o-left:2:0", await silo.Database.ScalarAsync<string>(
            "SELECT hold_id FROM qm_stock_holds WHERE tenant_id = $1 AND sku = 'sku-left' AND status = 'active'", Tenant));
    }

    private IOrderGrain Order(string orderId) => silo.Grains.GetGrain<IOrderGrain>(GrainKeys.Order(Tenant, orderId));

    private async Task<IStockItemGrain> StockedItemAsync(string sku, long onHand)
    {
        await silo.PutCatalogAsync(Tenant, "w1", sku);
        var item = silo.Grains.GetGrain<IStockItemGrain>(GrainKeys.StockItem(Tenant, sku, "w1"));
        Assert.Null((await item.Apply(new Movement($"r-{sku}", LedgerEntryType.Receipt, onHand, null, null))).Failure);
        return item;
    }

    private Task DeactivateEveryIdleGrainAsync() =>
        silo.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
}
