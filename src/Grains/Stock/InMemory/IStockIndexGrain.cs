using Orleans.Concurrency;
using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.Grains.Stock.InMemory;

/// <summary>The tenant's stock list in memory mode, fed by each stock item after it writes. Key: tenantId.</summary>
[Alias("qm.IStockIndexGrain")]
public interface IStockIndexGrain : IGrainWithStringKey
{
    /// <param name="levels">With the item's own threshold (null when it follows the tenant's).</param>
    [Alias("Upsert")]
    Task Upsert(StockLevels levels);

    [ReadOnly, Alias("Query")]
    Task<StockPage> Query(StockQuery query);
}
