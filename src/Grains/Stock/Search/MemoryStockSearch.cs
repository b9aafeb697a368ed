using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Stock.InMemory;

namespace Quartermaster.Grains.Stock.Search;

/// <summary>The stock list in memory mode: one <see cref="StockIndexGrain"/> per tenant.</summary>
public sealed class MemoryStockSearch(IGrainFactory grains) : IStockSearch
{
    public Task<StockPage> SearchAsync(string tenantId, StockQuery query, CancellationToken cancellationToken) =>
        grains.GetGrain<IStockIndexGrain>(tenantId).Query(query);
}
