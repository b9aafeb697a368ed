using Orleans.Concurrency;

namespace Quartermaster.Grains.Abstractions.Orders;

/// <summary>The tenant's searchable list of orders, fed by each order grain after it commits. Key: tenantId.</summary>
[Alias("qm.IOrderIndexGrain")]
public interface IOrderIndexGrain : IGrainWithStringKey
{
    [Alias("Upsert")]
    Task Upsert(OrderView order);

    [ReadOnly, Alias("Query")]
    Task<OrderPage> Query(OrderQuery query);
}
