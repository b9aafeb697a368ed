using System.Diagnostics;
using System.Text.Json;

namespace Quartermaster.Bench.Memory;

/// <summary>
/// Issue check: a silo holding 1,000,000 active stock items stays under 2 GB resident. Starts a silo in this
/// process, seeds one tenant's catalog, activates the stock items and measures resident memory before and after.
/// Exit 0 when measured (met or not; the summary says which), 1 when the measurement itself failed, 2 for bad arguments.
/// </summary>
public static class MemoryCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> RunAsync(string[] args)
    {
        MemoryOptions options;
        try
        {
            options = MemoryOptions.Parse(args);
        }
        catch (ArgumentException error)
        {
            Console.Error.WriteLine(error.Message);
            Console.Error.WriteLine(MemoryOptions.Usage);
            return 2;
        }

        if (!MemorySnapshot.IsSupported)
        {
            Console.Error.WriteLine("memory: resident memory is read from /proc/self/status, so this mode runs on Linux only.");
            return 2;
        }

        var gc = GcDescription.Current();
        Console.WriteLine($"memory: {options.Items:N0} active stock items in one silo in this process; GC: {GcDescription.Compared(gc)}");
        Console.WriteLine("stock state: each stock item reads as PostgreSQL would build it after one receipt (on hand 100, one ledger entry, ETag 1:1),");
        Console.WriteLine("             served from memory: reading a million rows from PostgreSQL would cost time, not silo memory.");
        await using var silo = await MemorySilo.StartAsync();
        MemoryReport report;
        try
        {
            report = await MeasureAsync(silo, options.Items, gc);
        }
        catch (InvalidOperationException error)
        {
            Console.Error.WriteLine($"memory: the measurement failed: {error.Message}");
            return 1;
        }

        MemorySummary.Print(report);
        if (options.JsonPath is { } path)
        {
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, Json));
            Console.WriteLine($"report written to {path}");
        }

        if (!report.ActivationsVerified)
        {
            Console.Error.WriteLine($"memory: only {report.StockItemActivations:N0} of {report.Items:N0} stock items are active, so the figures do not hold them all.");
            return 1;
        }

        return 0;
    }

    private static async Task<MemoryReport> MeasureAsync(MemorySilo silo, int items, string gc)
    {
        var collection = silo.Collection;
        Console.WriteLine($"grain collection: {CollectionDescription.Of(collection)}");
        var seeding = Stopwatch.StartNew();
        await CatalogSeeder.SeedAsync(silo.Grains);
        Console.WriteLine($"seeded tenant '{StockGrid.TenantId}': {StockGrid.Products:N0} products, {StockGrid.Warehouses:N0} warehouses in {seeding.Elapsed.TotalSeconds:F1} s");

        var baseline = MemorySnapshot.AfterFullCollection();
        Console.WriteLine($"baseline: {baseline.ResidentBytes / 1048576.0:N0} MB resident, {baseline.ManagedBytes / 1048576.0:N0} MB managed");
        Console.WriteLine($"activating {items:N0} stock items, {StockActivator.InFlight:N0} calls in flight");
        var run = await StockActivator.ActivateAsync(silo.Grains, items);
        var activated = MemorySnapshot.Now();
        var settled = MemorySnapshot.AfterFullCollection();
        var alive = await ActivationCensus.StockItemsAsync(silo.Grains);

        return new MemoryReport(
            items, StockGrid.Products, StockGrid.Warehouses, StockActivator.InFlight, gc,
            collection.CollectionAge.TotalMinutes, collection.EnableActivationSheddingOnMemoryPressure,
            run.Elapsed.TotalSeconds, run.PerSecond, run.AllocatedBytes / items,
            baseline.ResidentBytes, activated.ResidentBytes, settled.ResidentBytes, settled.PeakResidentBytes,
            baseline.ManagedBytes, settled.ManagedBytes, settled.HeapSizeBytes, settled.CommittedBytes, settled.FragmentedBytes,
            alive);
    }
}
