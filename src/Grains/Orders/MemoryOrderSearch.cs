using Quartermaster.Grains.Abstractions.Orders;

namespace Quartermaster.Grains.Orders;

/// <summary>The order list in memory mode: one <see cref="OrderIndexGrain"/> per tenant.</summary>
public sealed class MemoryOrderSearch(IGrainFactory grains) : IOrderSearch
{
    public Task PublishAsync(string tenantId, OrderView order) => grains.GetGrain<IOrderIndexGrain>(tenantId).Upsert(order);

    public Task<OrderPage> SearchAsync(string tenantId, OrderQuery query, CancellationToken cancellationToken) =>
        grains.GetGrain<IOrderIndexGrain>(tenantId).Query(query);
}
