using Orleans.Concurrency;
using Quartermaster.Grains.Abstractions.Catalog;
using Quartermaster.Grains.Abstractions.Common;

namespace Quartermaster.Grains.Catalog;

/// <summary>Answers GET /products from wherever the list is kept (<see cref="IProductSearch"/>), on any silo, many at once.</summary>
[StatelessWorker]
public sealed class ProductSearchGrain(IProductSearch search) : Grain, IProductSearchGrain
{
    public Task<Page<Product>> Query(ProductQuery query) => search.SearchAsync(this.GetPrimaryKeyString(), query, CancellationToken.None);
}
