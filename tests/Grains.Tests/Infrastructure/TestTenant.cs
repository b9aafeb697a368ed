using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Catalog;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Orders;
using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.Grains.Tests.Infrastructure;

/// <summary>A fresh tenant (unique id) whose catalog has the given products and warehouses.</summary>
public sealed class TestTenant
{
    private readonly IGrainFactory _grains;

    private TestTenant(IGrainFactory grains, string id)
    {
        _grains = grains;
        Id = id;
    }

    public string Id { get; }

    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    public static async Task<TestTenant> CreateAsync(IGrainFactory grains, IEnumerable<string> skus, IEnumerable<string> warehouses, string idPrefix = "t")
    {
        var tenant = new TestTenant(grains, NewId(idPrefix));
        var catalog = grains.GetGrain<ICatalogGrain>(tenant.Id);
        foreach (var sku in skus)
        {
            (await grains.Product(tenant.Id, sku).Put($"Product {sku}", "pcs", null)).Ok();
        }

        foreach (var warehouse in warehouses)
        {
            (await catalog.PutWarehouse(warehouse, $"Warehouse {warehouse}", null)).Ok();
        }

        return tenant;
    }

    public IStockItemGrain Stock(string sku, string warehouseId) =>
        _grains.GetGrain<IStockItemGrain>(GrainKeys.StockItem(Id, sku, warehouseId));

    public IOrderGrain Order(string orderId) => _grains.GetGrain<IOrderGrain>(GrainKeys.Order(Id, orderId));

    public TransferCall Transfer(string sku, string fromWarehouseId, string movementId) =>
        new(_grains.GetGrain<ITransferGrain>(GrainKeys.Transfer(Id, sku, movementId)), fromWarehouseId);

    /// <summary>A receipt with a fresh movement id; asserts it was applied.</summary>
    public async Task<StockLevels> ReceiveAsync(string sku, string warehouseId, long quantity) =>
        (await Stock(sku, warehouseId).Apply(new Movement(NewId("rcv"), LedgerEntryType.Receipt, quantity, "test stock", null))).Ok();

    public async Task<StockLevels> LevelsAsync(string sku, string warehouseId) => (await Stock(sku, warehouseId).Get()).Ok();
}

/// <summary>A transfer of one movement id from one source, as the API would send it.</summary>
public sealed record TransferCall(ITransferGrain Grain, string FromWarehouseId)
{
    public Task<Outcome<TransferResult>> Execute(string toWarehouseId, long quantity) =>
        Grain.Execute(new TransferRequest(FromWarehouseId, toWarehouseId, quantity));
}
