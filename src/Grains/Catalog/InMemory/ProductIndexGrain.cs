using Quartermaster.Grains.Abstractions.Catalog;
using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Hosting;
using Quartermaster.Grains.Search;

namespace Quartermaster.Grains.Catalog.InMemory;

/// <summary>
/// The tenant's product list in memory mode (<see cref="MemoryProductSearch"/>): a copy of every product as its last
/// write left it. On PostgreSQL the products' own rows are the list and this grain is not used.
/// </summary>
public sealed class ProductIndexGrain(
    [PersistentState(StateNames.ProductIndex, StorageNames.Business)] IPersistentState<ProductIndexState> state)
    : Grain, IProductIndexGrain
{
    public async Task Upsert(Product product)
    {
        if (state.State.Products.TryGetValue(product.Sku, out var known) && known.Version >= product.Version)
        {
            return;
        }

        state.State.Products[product.Sku] = product;
        await state.WriteOrDropAsync(this);
    }

    public Task<Page<Product>> Query(ProductQuery query) =>
        Task.FromResult(KeyedPages.After(state.State.Products, query.After, query.Limit,
            query.Text is { } text ? p => SearchText.StartsWithIgnoringCase(p.Sku, text) || SearchText.NameMatches(p.Name, text) : null));
}
