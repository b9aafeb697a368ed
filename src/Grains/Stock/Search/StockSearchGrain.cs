using Orleans.Concurrency;
using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.Grains.Stock.Search;

/// <summary>Answers GET /stock from wherever the list is kept (<see cref="IStockSearch"/>), on any silo, many at once.</summary>
// Reentrant: it holds nothing, and a non-reentrant worker would run one query at a time, so a silo would serve
// only as many lists at once as it has cores (the default worker count) while each waits on the database.
[StatelessWorker]
[Reentrant]
public sealed class StockSearchGrain(IStockSearch search) : Grain, IStockSearchGrain
{
    public Task<StockPage> Query(StockQuery query) => search.SearchAsync(this.GetPrimaryKeyString(), query, CancellationToken.None);
}
