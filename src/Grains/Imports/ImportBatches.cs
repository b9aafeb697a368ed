using Quartermaster.Grains.Abstractions.Imports;

namespace Quartermaster.Grains.Imports;

/// <summary>
/// Applies a chunk's rows with bounded parallelism while keeping the file's order where it matters: rows naming
/// the same thing (stock item, product, warehouse, customer) run one after another in line order (an adjustment
/// row after a receipt row of the same item sees it), different things run side by side, on the calling grain's
/// scheduler (its turn, interleaved at each await).
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
        ImportKind.Warehouses => row.WarehouseId!,
        ImportKind.Customers => row.CustomerRef!,
        _ => row.Sku + "/" + row.WarehouseId,
    };
}
