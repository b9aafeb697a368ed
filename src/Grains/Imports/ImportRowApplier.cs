using Quartermaster.Grains.Abstractions.Catalog;
using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Customers;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Imports;
using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.Grains.Imports;

/// <summary>Applies one validated row through the grain its single-item endpoint calls, with that endpoint's rules.</summary>
internal sealed class ImportRowApplier(IGrainFactory grains, string tenantId, ImportKind kind, int maxWarehouses)
{
    public async Task<RowOutcome> ApplyAsync(ImportRow row) => kind switch
    {
        ImportKind.Products => Upserted(row, await grains.Product(tenantId, row.Sku!).Put(row.Name!, row.Unit, null), "sku"),
        ImportKind.Warehouses => Upserted(row, await Catalog.PutWarehouse(row.WarehouseId!, row.Name!, null, maxWarehouses), "warehouseId"),
        ImportKind.Customers => Upserted(row,
            await grains.GetGrain<ICustomerGrain>(GrainKeys.Customer(tenantId, row.CustomerRef!)).Put(row.Customer!, null), "customerRef"),
        ImportKind.Receipts => await MoveAsync(row, new Movement(row.MovementId!, LedgerEntryType.Receipt, row.Quantity!.Value, row.Reason, null), "quantity"),
        ImportKind.Adjustments => await MoveAsync(row, new Movement(row.MovementId!, LedgerEntryType.Adjustment, row.Quantity!.Value, row.Reason, null), "countedOnHand"),
        _ => throw new ArgumentOutOfRangeException(nameof(row), kind, "Unknown import kind."),
    };

    private ICatalogGrain Catalog => grains.GetGrain<ICatalogGrain>(tenantId);

    private async Task<RowOutcome> MoveAsync(ImportRow row, Movement movement, string quantityField)
    {
        if (await Catalog.CheckStockTarget(row.Sku!, row.WarehouseId!) is { } missing)
        {
            return Refused(row, missing, "sku");
        }

        var outcome = await grains.GetGrain<IStockItemGrain>(GrainKeys.StockItem(tenantId, row.Sku!, row.WarehouseId!)).ApplyIfNew(movement);
        return outcome.Failure is { } failure
            ? Refused(row, failure, failure.Code == FailureCode.InsufficientStock ? quantityField : "movementId")
            : outcome.Value ? RowOutcome.Done : RowOutcome.Skipped;
    }

    private static RowOutcome Upserted<T>(ImportRow row, Outcome<Upserted<T>> outcome, string idField) =>
        outcome.Failure is { } failure ? Refused(row, failure, idField)
        : outcome.Value!.Changed ? RowOutcome.Done
        : RowOutcome.Skipped;

    private static RowOutcome Refused(ImportRow row, Failure failure, string field) =>
        RowOutcome.Failed(new ImportError(row.Line, failure.Field ?? field, failure.Detail));
}
