namespace Quartermaster.Bench.Run;

/// <summary>
/// How big and how long a benchmark run is; <c>--smoke</c> picks a CI-sized run of a few seconds, and
/// <c>--only hot,orders,reads,mixed,lifecycle,webhooks,imports,catalog</c> a subset of the workloads (for profiling; the report then has no targets).
/// </summary>
internal sealed record BenchSettings(
    string Postgres, string Redis, int Clients, TimeSpan WarmUp, TimeSpan Window, int Skus, int Warehouses,
    int MemoryItems, string? ReportPath, bool Smoke, IReadOnlySet<string> Only, int ImportRows, int CatalogProducts)
{
    public static readonly IReadOnlyList<string> WorkloadNames = ["hot", "orders", "reads", "mixed", "lifecycle", "webhooks", "imports", "catalog"];

    public static BenchSettings Parse(Arguments args)
    {
        var smoke = args.Has("--smoke");
        var only = (args.Optional("--only") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        if (only.FirstOrDefault(name => !WorkloadNames.Contains(name)) is { } unknown)
        {
            throw new ArgumentException($"--only: unknown workload '{unknown}'; choose from {string.Join(", ", WorkloadNames)}.");
        }

        var report = args.Optional("--report");
        if (report is not null && !Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(report))))
        {
            throw new ArgumentException($"--report: the folder of '{report}' does not exist.");
        }

        var settings = new BenchSettings(
            args.Required("--postgres"),
            args.Required("--redis"),
            args.Int("--clients", smoke ? 8 : 100, min: 1, max: 2000),
            TimeSpan.FromSeconds(args.Int("--warmup", smoke ? 1 : 3, max: 600)),
            TimeSpan.FromSeconds(args.Int("--seconds", smoke ? 1 : 15, min: 1, max: 600)),
            args.Int("--skus", smoke ? 20 : 1000, min: 3, max: 100_000),
            args.Int("--warehouses", smoke ? 2 : 5, min: 1, max: 100),
            args.Int("--memory-items", smoke ? 20_000 : 1_000_000, max: 1_000_000),
            report,
            smoke,
            only,
            args.Int("--import-rows", smoke ? 2_000 : 100_000, min: 1, max: 1_000_000),
            args.Int("--catalog-products", smoke ? 20_000 : 1_000_000, min: 1_000, max: 10_000_000));
        args.RefuseUnknown();
        return settings;
    }
}
