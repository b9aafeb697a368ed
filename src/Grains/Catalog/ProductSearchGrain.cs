using Orleans.Concurrency;
using Quartermaster.Grains.Abstractions.Catalog;
using Quartermaster.Grains.Abstractions.Common;

namespace Quartermaster.Grains.Catalog;

/// <summary>Answers GET /products from wherever the list is kept (<see cref="IProductSearch"/>), on any silo, many at once.</summary>
// Reentrant: it holds nothing, and a non-reentrant worker would run one query at a time, so a silo would serve
// only as many lists at once as it has cores (the default worker count) while each waits on the database.
[StatelessWorker]
[Reentrant]
public sealed class ProductSearchGrain(IProductSearch search) : Grain, IProductSearchGrain
{
    public Task<Page<Product>> Query(ProductQuery query) => search.SearchAsync(this.GetPrimaryKeyString(), query, CancellationToken.None);
}
