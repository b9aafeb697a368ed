using Orleans.Concurrency;
using Quartermaster.Grains.Abstractions.Orders;

namespace Quartermaster.Grains.Orders;

/// <summary>Answers GET /orders from wherever the list is kept (<see cref="IOrderSearch"/>), on any silo, many at once.</summary>
// Reentrant: it holds nothing, and a non-reentrant worker would run one query at a time, so a silo would serve
// only as many lists at once as it has cores (the default worker count) while each waits on the database.
[StatelessWorker]
[Reentrant]
public sealed class OrderSearchGrain(IOrderSearch search) : Grain, IOrderSearchGrain
{
    public Task<OrderPage> Query(OrderQuery query) => search.SearchAsync(this.GetPrimaryKeyString(), query, CancellationToken.None);
}
