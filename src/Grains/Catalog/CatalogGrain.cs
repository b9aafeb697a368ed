using Quartermaster.Grains.Abstractions.Catalog;
using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Hosting;
using Quartermaster.Grains.Search;

namespace Quartermaster.Grains.Catalog;

public sealed class CatalogGrain(
    [PersistentState(StateNames.Catalog, StorageNames.Business)] IPersistentState<CatalogState> state,
    [FromKeyedServices(ClockNames.Business)] TimeProvider clock)
    : Grain, ICatalogGrain
{
    public async Task<Outcome<Upserted<Warehouse>>> PutWarehouse(string warehouseId, string name, long? expectedVersion, int? maxWarehouses = null)
    {
        var now = clock.GetUtcNow();
        state.State.Warehouses.TryGetValue(warehouseId, out var existing);
        if (CheckVersion(existing?.Version, expectedVersion, $"Warehouse '{warehouseId}'") is { } stale)
        {
            return stale;
        }

        if (existing is null && state.State.Warehouses.Count >= maxWarehouses)
        {
            return Failure.LimitReached($"A tenant may have at most {maxWarehouses} warehouses.");
        }

        if (existing is not null && existing.Name == name)
        {
            return Outcome<Upserted<Warehouse>>.Ok(new(existing, Created: false, Changed: false));
        }

        var next = existing is null
            ? new Warehouse(warehouseId, name, now, now, 1)
            : existing with { Name = name, UpdatedAt = now, Version = existing.Version + 1 };
        state.State.Warehouses[warehouseId] = next;
        await state.WriteOrDropAsync(this);
        return Outcome<Upserted<Warehouse>>.Ok(new(next, Created: existing is null));
    }

    public Task<Page<Warehouse>> ListWarehouses(string? after, int limit) =>
        Task.FromResult(KeyedPages.After(state.State.Warehouses, after, limit));

    public async Task<Outcome<Upserted<Product>>> PutProduct(string sku, string name, string? unit, long? expectedVersion)
    {
        var now = clock.GetUtcNow();
        state.State.Products.TryGetValue(sku, out var existing);
        if (CheckVersion(existing?.Version, expectedVersion, $"Product '{sku}'") is { } stale)
        {
            return stale;
        }

        if (existing is not null && existing.Name == name && existing.Unit == unit)
        {
            return Outcome<Upserted<Product>>.Ok(new(existing, Created: false, Changed: false));
        }

        var next = existing is null
            ? new Product(sku, name, unit, now, now, 1)
            : existing with { Name = name, Unit = unit, UpdatedAt = now, Version = existing.Version + 1 };
        state.State.Products[sku] = next;
        await state.WriteOrDropAsync(this);
        return Outcome<Upserted<Product>>.Ok(new(next, Created: existing is null));
    }

    public Task<Product?> GetProduct(string sku) =>
        Task.FromResult(state.State.Products.GetValueOrDefault(sku));

    public Task<Page<Product>> ListProducts(string? after, int limit) =>
        Task.FromResult(KeyedPages.After(state.State.Products, after, limit));

    public Task<Page<Product>> SearchProducts(string text, string? after, int limit) =>
        Task.FromResult(KeyedPages.After(state.State.Products, after, limit,
            p => SearchText.StartsWithIgnoringCase(p.Sku, text) || SearchText.NameMatches(p.Name, text)));

    public Task<Page<Warehouse>> SearchWarehouses(string text, string? after, int limit) =>
        Task.FromResult(KeyedPages.After(state.State.Warehouses, after, limit,
            w => SearchText.StartsWithIgnoringCase(w.WarehouseId, text) || SearchText.NameMatches(w.Name, text)));

    public Task<Failure?> CheckStockTarget(string sku, string warehouseId)
    {
        Failure? failure =
            !state.State.Products.ContainsKey(sku) ? Failure.NotFound($"Product '{sku}' does not exist.") with { Field = "sku" }
            : !state.State.Warehouses.ContainsKey(warehouseId) ? Failure.NotFound($"Warehouse '{warehouseId}' does not exist.") with { Field = "warehouseId" }
            : null;
        return Task.FromResult(failure);
    }

    public Task<Page<string>> WarehouseIdPage(string? after, int limit)
    {
        var page = KeyedPages.After(state.State.Warehouses, after, limit);
        return Task.FromResult(new Page<string>(page.Items.Select(w => w.WarehouseId).ToList(), page.NextAfter));
    }

    public Task<IReadOnlyList<string>> WarehouseIds() =>
        Task.FromResult<IReadOnlyList<string>>(state.State.Warehouses.Keys.ToList());

    /// <summary>If-Match on a resource that does not exist, or at another version, is refused.</summary>
    private static Failure? CheckVersion(long? current, long? expected, string what) =>
        expected is null || expected == current
            ? null
            : Failure.PreconditionFailed(current is null
                ? $"{what} does not exist, so If-Match cannot match."
                : $"{what} is at version {current}, not {expected}.");
}
