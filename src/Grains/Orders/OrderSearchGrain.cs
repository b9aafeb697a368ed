using Orleans.Concurrency;
using Quartermaster.Grains.Abstractions.Orders;

namespace Quartermaster.Grains.Orders;

/// <summary>Answers GET /orders from wherever the list is kept (<see cref="IOrderSearch"/>), on any silo, many at once.</summary>
[StatelessWorker]
public sealed class OrderSearchGrain(IOrderSearch search) : Grain, IOrderSearchGrain
{
    public Task<OrderPage> Query(OrderQuery query) => search.SearchAsync(this.GetPrimaryKeyString(), query, CancellationToken.None);
}
