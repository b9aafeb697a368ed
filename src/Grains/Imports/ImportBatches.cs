using Quartermaster.Grains.Abstractions.Imports;

namespace Quartermaster.Grains.Imports;

/// <summary>
/// Applies a chunk's rows with bounded parallelism while keeping the file's order where it matters: rows naming
/// the same thing (stock item, product, customer) run one after another in line order (an adjustment row after a
/// receipt row of the same item sees it), different things run side by side, on the calling grain's scheduler (its
/// turn, interleaved at each await). Warehouse rows all run one after another: a tenant's warehouses are one grain
/// with one limit, and calls made side by side reach it in any order, so the rows it refused past the limit were
/// any of the file's instead of its last ones.
/// </summary>
internal static class ImportBatches
{
    public static async Task<IReadOnlyList<RowOutcome>> ApplyAsync(
        IReadOnlyList<ImportRow> rows, ImportKind kind, Func<ImportRow, Task<RowOutcome>> apply, int parallelism)
    {
        var outcomes = new RowOutcome[rows.Count];
        var groups = rows.Select((row, index) => (row, index)).GroupBy(r => TargetOf(r.row, kind), StringComparer.Ordinal).ToList();
        await Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = parallelism, TaskScheduler = TaskScheduler.Current }, async (group, _) =>
        {
            foreach (var (row, index) in group)
            {
                outcomes[index] = await apply(row);
            }
        });
        return outcomes;
    }

    private static string TargetOf(ImportRow row, ImportKind kind) => kind switch
    {
        ImportKind.Products => row.Sku!,
        ImportKind.Warehouses => "warehouses",
        ImportKind.Customers => row.CustomerRef!,
        _ => row.Sku + "/" + row.WarehouseId,
    };
}
