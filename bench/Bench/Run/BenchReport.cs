using Quartermaster.Bench.Catalog;
using Quartermaster.Bench.Imports;
using Quartermaster.Bench.Load;
using Quartermaster.Bench.Webhooks;
using Quartermaster.Bench.Workloads;

namespace Quartermaster.Bench.Run;

/// <summary>Everything one run measured and checked, and the targets judged against it.</summary>
internal sealed record BenchReport(
    MachineInfo Machine, BenchSettings Settings, IReadOnlyList<LoadResult> Results, IReadOnlyList<DatabaseWork> DatabaseWork,
    IReadOnlyList<ProcessorWork> ProcessorWork, IReadOnlyList<CheckResult> Checks,
    MemoryFigures? Memory, WebhookFigures? Webhooks, ImportFigures? Imports, CatalogFigures? Catalog, TimeSpan Elapsed)
{
    /// <summary>Every check clean, no error from Quartermaster, every event delivered to the webhook endpoint, every import row applied once, no catalog request failed and the product list walked stable.</summary>
    public bool CorrectnessHolds =>
        Checks.All(c => c.Ok) && Results.Where(r => r.Engine == Engine.Quartermaster.Name).All(r => r.Errors == 0)
        && (Webhooks is null || Webhooks.Delivered == Webhooks.Events)
        && (Imports is null || Imports.Correct)
        && (Catalog is null || Catalog.Correct);

    public LoadResult Result(string workload, Engine engine) => Results.Single(r => r.Workload == workload && r.Engine == engine.Name);

    public IEnumerable<string> Workloads => Results.Select(r => r.Workload).Distinct();

    /// <summary>Quartermaster's acknowledged requests per second over the baseline's, in the same workload.</summary>
    public double Ratio(string workload, Engine baseline) =>
        Result(workload, Engine.Quartermaster).AcknowledgedPerSecond / Result(workload, baseline).AcknowledgedPerSecond;

    public IEnumerable<Target> Targets()
    {
        // A smoke run is too small and a partial run too incomplete for the targets to mean anything.
        if (Settings.Only.Count > 0 || Settings.Smoke)
        {
            yield break;
        }

        var hot = Result("hot-sku holds", Engine.Quartermaster);
        var hotVsUpdate = Ratio("hot-sku holds", Engine.SqlUpdate);
        var hotVsLock = Ratio("hot-sku holds", Engine.RedisLock);
        yield return new Target("hot SKU: >= 10,000 acknowledged holds/s", $"{hot.AcknowledgedPerSecond:N0}/s", hot.AcknowledgedPerSecond >= 10_000);
        yield return new Target("hot SKU: >= 10x baseline 2 (sql-update)", $"{hotVsUpdate:F1}x", hotVsUpdate >= 10);
        yield return new Target("hot SKU: >= 10x baseline 1 (redis-lock)", $"{hotVsLock:F1}x", hotVsLock >= 10);
        var oversold = Checks.Single(c => c.Engine == Engine.Quartermaster.Name);
        yield return new Target("hot SKU: zero oversell, every acknowledged hold reserved", oversold.Ok ? "yes" : "NO", oversold.Ok);

        var orders = Result("uniform 3-line orders", Engine.Quartermaster);
        var ordersVsUpdate = Ratio("uniform 3-line orders", Engine.SqlUpdate);
        yield return new Target($"uniform orders ({Settings.Clients} clients): >= 2x sql-update", $"{ordersVsUpdate:F2}x", ordersVsUpdate >= 2);
        yield return new Target("uniform orders: p99 <= 100 ms", $"{orders.Percentile(0.99):F1} ms", orders.Percentile(0.99) <= 100);
        var commits = DatabaseWork.Single(w => w.Workload == orders.Workload && w.Engine == Engine.Quartermaster.Name).CommitsPerOperation;
        yield return new Target("uniform orders: <= 0.5 PostgreSQL commits per acknowledged order", $"{commits:F2}", commits <= 0.5);

        var mixed = Ratio("mixed 70/20/10", Engine.SqlUpdate);
        yield return new Target("mixed 70/20/10: >= 1.5x sql-update", $"{mixed:F2}x", mixed >= 1.5);
        var lifecycle = Ratio("order lifecycle", Engine.SqlUpdate);
        yield return new Target("order lifecycle: >= 1.5x sql-update", $"{lifecycle:F2}x", lifecycle >= 1.5);

        var reads = Result("stock reads", Engine.Quartermaster);
        yield return new Target("reads: >= 20,000 lookups/s", $"{reads.AcknowledgedPerSecond:N0}/s", reads.AcknowledgedPerSecond >= 20_000);
        yield return new Target("reads: p99 <= 10 ms", $"{reads.Percentile(0.99):F1} ms", reads.Percentile(0.99) <= 10);

        if (Webhooks is { } hooks)
        {
            yield return new Target("webhooks: orders/s with an endpoint subscribed to everything >= 85% of without",
                $"{hooks.Drop:P1} fewer", hooks.Drop <= 0.15);
            yield return new Target("webhooks: delivery lag p99 <= 1 s", $"{hooks.LagPercentile(0.99) * 1000:F0} ms", hooks.LagPercentile(0.99) <= 1);
        }

        if (Imports is { } imports)
        {
            yield return new Target($"imports: {imports.Rows:N0} receipts from a CSV file in < 60 s", $"{imports.FirstTook.TotalSeconds:F1} s",
                imports.FirstTook < TimeSpan.FromSeconds(60));
            yield return new Target("imports: the tenant's hold p99 during an import <= 2x idle", $"{imports.HoldP99Ratio:F2}x", imports.HoldP99Ratio <= 2);
        }

        if (Catalog is { } catalog)
        {
            yield return new Target($"catalog of {catalog.Products:N0} products: PUT p99 <= 20 ms", $"{catalog.Puts.Percentile(0.99):F1} ms", catalog.Puts.Percentile(0.99) <= 20);
            yield return new Target("catalog: search by sku prefix p99 <= 50 ms", $"{catalog.PrefixSearches.Percentile(0.99):F1} ms", catalog.PrefixSearches.Percentile(0.99) <= 50);
            yield return new Target("catalog: search by name words p99 <= 50 ms", $"{catalog.WordSearches.Percentile(0.99):F1} ms", catalog.WordSearches.Percentile(0.99) <= 50);
            yield return new Target("catalog: listing pages stable under concurrent inserts", catalog.Listing.Stable ? "yes" : "NO", catalog.Listing.Stable);
        }

        if (Memory is { } memory)
        {
            yield return new Target($"memory: <= 2,500 B resident per active stock item ({memory.Items:N0} items)",
                $"{memory.BytesPerItem:N0} B/item", memory.BytesPerItem <= 2_500);
        }
    }
}

/// <summary>One of the targets and whether this run met it.</summary>
internal sealed record Target(string Goal, string Measured, bool Met);
