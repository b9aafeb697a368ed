using Orleans.Concurrency;
using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.Grains.Stock.Search;

/// <summary>Answers GET /stock from wherever the list is kept (<see cref="IStockSearch"/>), on any silo, many at once.</summary>
[StatelessWorker]
public sealed class StockSearchGrain(IStockSearch search) : Grain, IStockSearchGrain
{
    public Task<StockPage> Query(StockQuery query) => search.SearchAsync(this.GetPrimaryKeyString(), query, CancellationToken.None);
}
