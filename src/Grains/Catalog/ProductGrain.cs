using Quartermaster.Grains.Abstractions.Catalog;
using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Hosting;

namespace Quartermaster.Grains.Catalog;

/// <summary>
/// One product: on PostgreSQL a row of its own, so a PUT writes one small row however large the catalog. The
/// stock paths ask <see cref="Get"/> whether it exists; this activation answers from memory.
/// </summary>
public sealed class ProductGrain(
    [PersistentState(StateNames.Product, StorageNames.Products)] IPersistentState<ProductState> state,
    [FromKeyedServices(ClockNames.Business)] TimeProvider clock,
    IProductSearch search)
    : Grain, IProductGrain
{
    public async Task<Outcome<Upserted<Product>>> Put(string name, string? unit, VersionMatch? expectedVersion)
    {
        var key = GrainKeys.ParseProduct(this.GetPrimaryKeyString());
        var existing = state.State.Product;
        if (IfMatch.Check(existing?.Version, expectedVersion, $"Product '{key.Sku}'") is { } stale)
        {
            return stale;
        }

        if (existing is not null && existing.Name == name && existing.Unit == unit)
        {
            return Outcome<Upserted<Product>>.Ok(new(existing, Created: false, Changed: false));
        }

        var now = clock.GetUtcNow();
        var next = existing is null
            ? new Product(key.Sku, name, unit, now, now, 1)
            : existing with { Name = name, Unit = unit, UpdatedAt = now, Version = existing.Version + 1 };
        state.State.Product = next;
        await state.WriteOrDropAsync(this);
        await search.RecordAsync(key, next);
        return Outcome<Upserted<Product>>.Ok(new(next, Created: existing is null));
    }

    public Task<Product?> Get() => Task.FromResult(state.State.Product);
}
