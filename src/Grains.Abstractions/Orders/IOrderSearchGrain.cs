using Orleans.Concurrency;

namespace Quartermaster.Grains.Abstractions.Orders;

/// <summary>
/// GET /orders for one tenant. A stateless worker, so a tenant's list queries run side by side on whichever
/// silo takes the call instead of queueing on one activation. Key: tenantId.
/// </summary>
[Alias("qm.IOrderSearchGrain")]
public interface IOrderSearchGrain : IGrainWithStringKey
{
    [ReadOnly, Alias("Query")]
    Task<OrderPage> Query(OrderQuery query);
}
