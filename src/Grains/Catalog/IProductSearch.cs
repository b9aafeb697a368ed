using Quartermaster.Grains.Abstractions.Catalog;
using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Identifiers;

namespace Quartermaster.Grains.Catalog;

/// <summary>A tenant's product list: the products' own rows on PostgreSQL, the product index grain in memory mode.</summary>
public interface IProductSearch
{
    /// <summary>Called after a product's write succeeded; a list that the write itself fills does nothing.</summary>
    Task RecordAsync(ProductKey key, Product product);

    Task<Page<Product>> SearchAsync(string tenantId, ProductQuery query, CancellationToken cancellationToken);
}
