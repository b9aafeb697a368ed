namespace Quartermaster.Grains.Abstractions.Stock;

/// <summary>GET /stock: a tenant's stock items from wherever the list is kept. Key: tenantId.</summary>
[Alias("qm.IStockSearchGrain")]
public interface IStockSearchGrain : IGrainWithStringKey
{
    [Alias("Query")]
    Task<StockPage> Query(StockQuery query);
}
