using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using Quartermaster.Bench.Catalog;
using Quartermaster.Bench.Imports;
using Quartermaster.Bench.Load;
using Quartermaster.Bench.Server;
using Quartermaster.Bench.Webhooks;
using Quartermaster.Bench.Workloads;

namespace Quartermaster.Bench.Run;

/// <summary>
/// The whole benchmark: starts the server under test, seeds one tenant for every engine, runs each workload
/// against each engine in turn (interleaved, so drift on a noisy machine hits all three alike), checks
/// correctness after the runs, measures a silo's memory, and prints (and optionally writes) the report.
/// Exit code 1 when a correctness check fails or Quartermaster answered with an error; missed speed
/// targets are reported, not failed.
/// </summary>
internal static class BenchRun
{
    public static async Task<int> RunAsync(BenchSettings settings)
    {
        var started = Stopwatch.StartNew();
        var run = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        var work = Directory.CreateTempSubdirectory("qm-bench-").FullName;
        var machine = await MachineInfo.ReadAsync(settings.Postgres, settings.Redis);
        var catalog = new BenchCatalog(settings.Skus, settings.Warehouses, StockPerItem: 10_000_000, HotStock: 1_000_000_000);
        Progress($"machine: {machine.Cpu}, {machine.Cores} cores, {machine.Memory}; {machine.Postgres} ({machine.PostgresDurability}); {machine.Redis}");

        var adminKey = "bench-admin-" + run + "-0123456789";
        var server = new ServerSettings(settings.Postgres, settings.Redis, adminKey, FreePort(), FreePort(), FreePort());
        var baseUrl = $"http://127.0.0.1:{server.Port}";
        var results = new List<LoadResult>();
        var databaseWork = new List<DatabaseWork>();
        var processorWork = new List<ProcessorWork>();
        var checks = new List<CheckResult>();
        WebhookFigures? webhooks = null;
        ImportFigures? imports = null;
        CatalogFigures? catalogFigures = null;
        await using var activity = await DatabaseActivity.OpenAsync(settings.Postgres);
        await using (var process = ChildProcess.Start(server.ToArguments(), Path.Combine(work, "server.log")))
        {
            Progress($"server: starting on {baseUrl} (log {process.LogPath})");
            await WaitForReadyAsync(baseUrl, process);
            var processors = await ProcessorUse.OpenAsync(settings.Postgres, process.Id);

            var tenant = new BenchTenant(baseUrl, adminKey, "bench-" + run);
            var key = await tenant.CreateAsync(catalog);
            using var api = tenant.Client(key, connections: settings.Clients);
            foreach (var engine in Engine.All)
            {
                var seeding = Stopwatch.StartNew();
                await BenchTenant.SeedAsync(api, engine, catalog);
                Progress($"seeded {catalog.ItemCount + 1} items for {engine.Name} in {seeding.Elapsed.TotalSeconds:F1} s");
            }

            if (!settings.Smoke)
            {
                await Task.Delay(DatabaseActivity.SettleTime); // so the seeding's counts are not taken for the first workload's
            }

            var load = new ClosedLoopLoad(api, settings.Clients, settings.WarmUp, settings.Window);
            foreach (var workload in WorkloadsFor(catalog, run).Where(w => settings.Only.Count == 0 || settings.Only.Contains(w.Name)).Select(w => w.Create))
            {
                foreach (var engine in Engine.All)
                {
                    var before = await activity.ReadAsync();
                    var processorsBefore = processors?.Read();
                    var result = await load.RunAsync(workload(engine), engine.Name);
                    results.Add(result);
                    Progress(ReportWriter.ConsoleLine(result));
                    if (processorsBefore is not null)
                    {
                        processorWork.Add(new ProcessorWork(result.Workload, engine.Name, processors!.Read() - processorsBefore, result.AcknowledgedIncludingWarmup));
                        Progress(ReportWriter.ProcessorLine(processorWork[^1]));
                    }

                    // A smoke run does not wait for PostgreSQL to publish every count: its figures are lower bounds.
                    var settled = !settings.Smoke;
                    if (settled)
                    {
                        await Task.Delay(DatabaseActivity.SettleTime);
                    }

                    var databaseDelta = new DatabaseWork(result.Workload, engine.Name, await activity.ReadAsync() - before, result.AcknowledgedIncludingWarmup, settled);
                    databaseWork.Add(databaseDelta);
                    Progress(ReportWriter.DatabaseLine(databaseDelta));
                }
            }

            foreach (var engine in Engine.All)
            {
                checks.Add(await CheckAsync(tenant, api, engine, catalog, results));
                Progress(checks[^1].ToString());
            }

            if (settings.Only.Count == 0 || settings.Only.Contains("webhooks"))
            {
                // A tenant of its own: its event log holds only its seed, so finding where the endpoint starts is cheap.
                var hooks = new BenchTenant(baseUrl, adminKey, "bench-" + run + "-hooks");
                using var hooksApi = hooks.Client(await hooks.CreateAsync(catalog), connections: settings.Clients);
                await BenchTenant.SeedAsync(hooksApi, Engine.Quartermaster, catalog);
                webhooks = await WebhookRun.RunAsync(hooksApi, new ClosedLoopLoad(hooksApi, settings.Clients, settings.WarmUp, settings.Window), catalog, run);
                Progress(webhooks.Summary);
            }

            if (settings.Only.Count == 0 || settings.Only.Contains("imports"))
            {
                var importer = new BenchTenant(baseUrl, adminKey, "bench-" + run + "-imports");
                using var importApi = importer.Client(await importer.CreateAsync(catalog), connections: settings.Clients);
                await BenchTenant.SeedAsync(importApi, Engine.Quartermaster, catalog);
                imports = await ImportRun.RunAsync(importApi, catalog, run, settings.ImportRows, work, settings.Smoke);
                Progress(imports.Summary);
            }

            if (settings.Only.Count == 0 || settings.Only.Contains("catalog"))
            {
                var seller = new BenchTenant(baseUrl, adminKey, "bench-" + run + "-catalog");
                using var catalogApi = seller.Client(await seller.CreateKeyAsync(), connections: CatalogRun.Clients);
                catalogFigures = await CatalogRun.RunAsync(catalogApi, settings.Postgres, seller.TenantId, settings.CatalogProducts, run, settings);
                Progress(catalogFigures.Summary);
            }

            Progress($"server peak resident memory during the load: {process.PeakResidentBytes() / 1024 / 1024} MB");
        }

        var memory = settings.MemoryItems > 0 ? await MemoryRun.RunAsync(settings.MemoryItems, work) : null;
        var report = new BenchReport(machine, settings, results, databaseWork, processorWork, checks, memory, webhooks, imports, catalogFigures, started.Elapsed);
        Console.WriteLine();
        Console.WriteLine(ReportWriter.Console(report));
        if (settings.ReportPath is { } path)
        {
            await File.WriteAllTextAsync(path, ReportWriter.Markdown(report));
            Progress($"wrote {path}");
        }

        Directory.Delete(work, recursive: true);
        return report.CorrectnessHolds ? 0 : 1;
    }

    private static IEnumerable<(string Name, Func<Engine, IWorkload> Create)> WorkloadsFor(BenchCatalog catalog, string run) =>
    [
        ("hot", engine => new HotSkuHolds(engine, catalog, run)),
        ("orders", engine => new UniformOrders(engine, catalog, run)),
        ("reads", engine => new StockReads(engine, catalog)),
        ("mixed", engine => new MixedTraffic(engine, catalog, run)),
        ("lifecycle", engine => new OrderLifecycle(engine, catalog, run)),
    ];

    /// <summary>
    /// The engine's own invariant check, plus the hot item reconciled against the client's count: every
    /// acknowledged hold is reserved, and nothing else is (no oversell, no lost acknowledged write).
    /// </summary>
    private static async Task<CheckResult> CheckAsync(BenchTenant tenant, HttpClient api, Engine engine, BenchCatalog catalog, List<LoadResult> results)
    {
        var violations = engine == Engine.Quartermaster
            ? await tenant.CheckQuartermasterAsync()
            : await BenchTenant.CheckBaselineAsync(api, engine);
        var acknowledged = results.SingleOrDefault(r => r.Engine == engine.Name && r.Workload == "hot-sku holds")?.AcknowledgedIncludingWarmup ?? 0;
        var (onHand, reserved) = await BenchTenant.LevelsAsync(api, engine, BenchCatalog.HotSku, catalog.HotWarehouse);
        var problems = violations.ToList();
        if (reserved != acknowledged)
        {
            problems.Add($"hot item: {acknowledged} holds acknowledged but {reserved} reserved");
        }

        if (reserved > onHand)
        {
            problems.Add($"hot item oversold: reserved {reserved} > onHand {onHand}");
        }

        return new CheckResult(engine.Name, acknowledged, reserved, problems);
    }

    private static async Task WaitForReadyAsync(string baseUrl, ChildProcess process)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited during start-up; see {process.LogPath}:\n{await File.ReadAllTextAsync(process.LogPath)}");
            }

            try
            {
                if ((await http.GetAsync("/readyz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The server was not ready within 120 s; see {process.LogPath}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static void Progress(string line) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{DateTime.Now:HH:mm:ss}] {line}"));
}

/// <summary>The correctness verdict for one engine after all its workloads.</summary>
internal sealed record CheckResult(string Engine, long HotAcknowledged, long HotReserved, IReadOnlyList<string> Violations)
{
    public bool Ok => Violations.Count == 0;

    public override string ToString() => Ok
        ? $"check {Engine}: OK (invariants hold; hot item: {HotAcknowledged} holds acknowledged = {HotReserved} reserved)"
        : $"check {Engine}: {Violations.Count} VIOLATIONS: {string.Join("; ", Violations.Take(10))}";
}
