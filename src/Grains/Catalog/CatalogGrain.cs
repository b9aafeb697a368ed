using Quartermaster.Grains.Abstractions.Catalog;
using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Hosting;
using Quartermaster.Grains.Search;

namespace Quartermaster.Grains.Catalog;

/// <summary>
/// A tenant's warehouses, each a row of its own on PostgreSQL (a write stores only the warehouse it changed), and
/// the stock-target check, which asks the product's own grain.
/// </summary>
public sealed class CatalogGrain(
    [PersistentState(StateNames.Catalog, StorageNames.Warehouses)] IPersistentState<CatalogState> state,
    [FromKeyedServices(ClockNames.Business)] TimeProvider clock)
    : Grain, ICatalogGrain
{
    public async Task<Outcome<Upserted<Warehouse>>> PutWarehouse(string warehouseId, string name, VersionMatch? expectedVersion, int? maxWarehouses = null)
    {
        var now = clock.GetUtcNow();
        state.State.Warehouses.TryGetValue(warehouseId, out var existing);
        if (IfMatch.Check(existing?.Version, expectedVersion, $"Warehouse '{warehouseId}'") is { } stale)
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
        state.State.Unwritten = warehouseId;
        await state.WriteOrDropAsync(this);
        state.State.Unwritten = null;
        return Outcome<Upserted<Warehouse>>.Ok(new(next, Created: existing is null));
    }

    public Task<Warehouse?> GetWarehouse(string warehouseId) =>
        Task.FromResult(state.State.Warehouses.GetValueOrDefault(warehouseId));

    public Task<Page<Warehouse>> ListWarehouses(string? after, int limit) =>
        Task.FromResult(KeyedPages.After(state.State.Warehouses, after, limit));

    public Task<Page<Warehouse>> SearchWarehouses(string text, string? after, int limit) =>
        Task.FromResult(KeyedPages.After(state.State.Warehouses, after, limit,
            w => SearchText.StartsWithIgnoringCase(w.WarehouseId, text) || SearchText.NameMatches(w.Name, text)));

    public async Task<Failure?> CheckStockTarget(string sku, string warehouseId)
    {
        if (await GrainFactory.Product(this.GetPrimaryKeyString(), sku).Get() is null)
        {
            return Failure.NotFound($"Product '{sku}' does not exist.") with { Field = "sku" };
        }

        return state.State.Warehouses.ContainsKey(warehouseId)
            ? null
            : Failure.NotFound($"Warehouse '{warehouseId}' does not exist.") with { Field = "warehouseId" };
    }

    public Task<Page<string>> WarehouseIdPage(string? after, int limit)
    {
        var page = KeyedPages.After(state.State.Warehouses, after, limit);
        return Task.FromResult(new Page<string>(page.Items.Select(w => w.WarehouseId).ToList(), page.NextAfter));
    }

    public Task<IReadOnlyList<string>> WarehouseIds() =>
        Task.FromResult<IReadOnlyList<string>>(state.State.Warehouses.Keys.ToList());
}
