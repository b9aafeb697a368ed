using Quartermaster.Bench.Load;
using Quartermaster.Bench.Workloads;

namespace Quartermaster.Bench.Run;

/// <summary>Everything one run measured and checked, and the targets judged against it.</summary>
internal sealed record BenchReport(
    MachineInfo Machine, BenchSettings Settings, IReadOnlyList<LoadResult> Results, IReadOnlyList<CheckResult> Checks,
    MemoryFigures? Memory, TimeSpan Elapsed)
{
    public bool CorrectnessHolds =>
        Checks.All(c => c.Ok) && Results.Where(r => r.Engine == Engine.Quartermaster.Name).All(r => r.Errors == 0);

    public LoadResult Result(string workload, Engine engine) => Results.Single(r => r.Workload == workload && r.Engine == engine.Name);

    public IEnumerable<string> Workloads => Results.Select(r => r.Workload).Distinct();

    public IEnumerable<Target> Targets()
    {
        // A smoke run is too small and a partial run too incomplete for the targets to mean anything.
        if (Settings.Only.Count > 0 || Settings.Smoke)
        {
            yield break;
        }

        var hot = Result("hot-sku holds", Engine.Quartermaster);
        var hotVsUpdate = hot.AcknowledgedPerSecond / Result("hot-sku holds", Engine.SqlUpdate).AcknowledgedPerSecond;
        var hotVsLock = hot.AcknowledgedPerSecond / Result("hot-sku holds", Engine.RedisLock).AcknowledgedPerSecond;
        yield return new Target("hot SKU: >= 10,000 acknowledged holds/s", $"{hot.AcknowledgedPerSecond:N0}/s", hot.AcknowledgedPerSecond >= 10_000);
        yield return new Target("hot SKU: >= 3x baseline 2 (sql-update)", $"{hotVsUpdate:F1}x", hotVsUpdate >= 3);
        yield return new Target("hot SKU: >= 10x baseline 1 (redis-lock)", $"{hotVsLock:F1}x", hotVsLock >= 10);
        var oversold = Checks.Single(c => c.Engine == Engine.Quartermaster.Name);
        yield return new Target("hot SKU: zero oversell, every acknowledged hold reserved", oversold.Ok ? "yes" : "NO", oversold.Ok);

        var orders = Result("uniform 3-line orders", Engine.Quartermaster);
        yield return new Target($"uniform orders ({Settings.Clients} clients): >= 3,000 orders/s",
            $"{orders.AcknowledgedPerSecond:N0}/s", orders.AcknowledgedPerSecond >= 3_000);
        yield return new Target("uniform orders: p99 <= 50 ms", $"{orders.Percentile(0.99):F1} ms", orders.Percentile(0.99) <= 50);

        var reads = Result("stock reads", Engine.Quartermaster);
        yield return new Target("reads: >= 20,000 lookups/s", $"{reads.AcknowledgedPerSecond:N0}/s", reads.AcknowledgedPerSecond >= 20_000);
        yield return new Target("reads: p99 <= 10 ms", $"{reads.Percentile(0.99):F1} ms", reads.Percentile(0.99) <= 10);

        if (Memory is { } memory)
        {
            var gb = memory.ResidentBytes / 1024.0 / 1024 / 1024;
            yield return new Target($"memory: {memory.Items:N0} active stock items < 2 GB resident (extrapolated to 1,000,000 when fewer)",
                $"{gb:F2} GB ({memory.BytesPerItem:N0} B/item)", memory.ProjectedMillionBytes < 2L * 1024 * 1024 * 1024);
        }
    }
}

/// <summary>One of the targets and whether this run met it.</summary>
internal sealed record Target(string Goal, string Measured, bool Met);
