using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.Grains.Stock.Search;

/// <summary>A tenant's stock list: the items' own rows on PostgreSQL, the stock index grain in memory mode.</summary>
public interface IStockSearch
{
    Task<StockPage> SearchAsync(string tenantId, StockQuery query, CancellationToken cancellationToken);
}
