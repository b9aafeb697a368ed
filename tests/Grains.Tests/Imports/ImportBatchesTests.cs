using Quartermaster.Grains.Abstractions.Imports;
using Quartermaster.Grains.Imports;
using Quartermaster.Grains.Tests.Infrastructure;

namespace Quartermaster.Grains.Tests.Imports;

public sealed class ImportBatchesTests
{
    /// <summary>
    /// A tenant with room for two more warehouses imports five. Calls made side by side may reach the tenant's
    /// warehouses grain in any order (on PostgreSQL the last rows of a file took the slots), so here the latest
    /// call waiting is always the one answered first: only rows applied one after another keep the file's order.
    /// </summary>
    [Fact]
    public async Task Warehouse_rows_apply_one_after_another_so_the_rows_past_the_limit_are_the_last_of_the_file()
    {
        var rows = Enumerable.Range(2, 5).Select(line => new ImportRow(line, WarehouseId: $"w{line}", Name: "Depot")).ToList();
        var waiting = new SortedDictionary<int, TaskCompletionSource>();
        var freeSlots = 2;
        async Task<RowOutcome> PutWarehouse(ImportRow row)
        {
            var answered = new TaskCompletionSource();
            waiting.Add(row.Line, answered);
            await answered.Task;
            return freeSlots-- > 0 ? RowOutcome.Done : RowOutcome.Failed(new ImportError(row.Line, "warehouseId", "A tenant may have at most N warehouses."));
        }

        var scheduler = new ManualScheduler();
        var applying = Task.Factory.StartNew(
            () => ImportBatches.ApplyAsync(rows, ImportKind.Warehouses, PutWarehouse, parallelism: 8),
            CancellationToken.None, TaskCreationOptions.None, scheduler).Unwrap();
        scheduler.RunUntilIdle();
        while (waiting.Count > 0)
        {
            var (line, answered) = waiting.Last();
            waiting.Remove(line);
            answered.SetResult();
            scheduler.RunUntilIdle();
        }

        var outcomes = await applying.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(new[] { true, true, false, false, false }, outcomes.Select(o => o.Applied));
        Assert.Equal(new[] { 4, 5, 6 }, outcomes.Where(o => o.Error is not null).Select(o => o.Error!.Line));
    }
}
