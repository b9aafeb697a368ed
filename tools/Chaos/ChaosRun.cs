using Quartermaster.Chaos.Checks;
using Quartermaster.Chaos.Cluster;
using Quartermaster.Chaos.Faults;
using Quartermaster.Chaos.Load;
using Quartermaster.Chaos.Report;

namespace Quartermaster.Chaos;

/// <summary>
/// The soak: tenants, the load, the faults, the checks, the report. Exit code 0 when safety held, 1 when it
/// did not (availability targets are reported, not enforced: they measure work in progress).
/// </summary>
internal sealed class ChaosRun(ChaosOptions options)
{
    // Many small tenants: with few grains each, some tenant is likely to have none on the silo a fault hits.
    private const int LoadTenants = 8;
    private const int WorkersPerTenant = 3;
    private const int SkusPerTenant = 2;
    private const int ProbeSkus = 12;

    public async Task<int> RunAsync()
    {
        var started = DateTimeOffset.UtcNow;
        var control = new ClusterControl(options.ClusterDirectory, options.BasePort);
        if (ClusterProcesses.FirstAmong(control) is { } missing)
        {
            Console.Error.WriteLine($"{missing} is not running (see its log): the soak needs the whole cluster.");
            return 2;
        }

        var plan = options.Short ? FaultPlan.Short : FaultPlan.Full;
        var run = Guid.NewGuid().ToString("N")[..6];
        Progress($"creating {LoadTenants} tenants and a probe tenant (run {run})");
        await using var placement = new GrainPlacement(options.Postgres, options.BasePort);
        var connecting = placement.ConnectAsync();
        var tenants = (await Task.WhenAll(Enumerable.Range(1, LoadTenants)
            .Select(i => ChaosTenant.CreateAsync(options.Frontends[i % 2], options.AdminKey, $"chaos-{run}-{i}", SkusPerTenant)))).ToList();
        var probeTenant = await ChaosTenant.CreateAsync(options.Frontends[0], options.AdminKey, $"chaos-{run}-expiry", ProbeSkus, ExpiryProbes.LifetimeSeconds);
        await connecting;

        var log = new AttemptLog();
        var acknowledged = new Acknowledged();
        var clients = tenants.Select(t => new RetryingClient(t.TenantId, t.Key, options.Frontends, log)).ToList();
        using var probeClient = new RetryingClient(probeTenant.TenantId, probeTenant.Key, options.Frontends, new AttemptLog());
        using var stop = new CancellationTokenSource();
        var workers = tenants.SelectMany((t, i) => Enumerable.Range(0, WorkersPerTenant)
            .Select(w => new Worker(t, clients[i], i * WorkersPerTenant + w, acknowledged).RunAsync(stop.Token))).ToList();
        using var ticker = StartProgressTicker(log, acknowledged, stop.Token);

        Progress($"load running: {tenants.Count * WorkersPerTenant} clients; warming up for {plan.WarmUp.TotalSeconds:0} s");
        await Task.Delay(plan.WarmUp);
        var injector = new FaultInjector(plan, control, new Membership(options.Postgres),
            placement, new ExpiryProbes(probeTenant, probeClient), tenants, log);
        var faults = await injector.RunAsync();

        Progress("stopping the load");
        await stop.CancelAsync();
        await Task.WhenAll(workers);
        clients.ForEach(c => c.Dispose());

        Progress("checking: invariant checker, ledger replay, acknowledged operations");
        var safety = await new SafetyChecker(options.Frontends[1], options.AdminKey).CheckAsync([.. tenants, probeTenant], acknowledged);
        using var probeReads = new CheckClient(options.Frontends[1], probeTenant.Key);
        var lateness = await ExpiryCheck.MeasureAsync(probeReads, faults.SelectMany(f => f.Probes));

        var attempts = log.Attempts;
        var operations = log.Operations;
        var metrics = faults.Select(f => FaultMetrics.From(f, attempts, operations, tenants.Select(t => t.TenantId).ToList(), lateness)).ToList();
        var targets = Targets.Judge(metrics, safety);
        var summary = new RunSummary(started, options.Short ? "short" : "full", (DateTimeOffset.UtcNow - started).TotalMinutes, tenants.Count, WorkersPerTenant,
            attempts.Count, operations.Count, acknowledged.Count, operations.Count(o => o.AnsweredAt is null));
        var markdown = ReliabilityReport.Render(summary, metrics, targets, safety);
        Console.WriteLine();
        Console.WriteLine(markdown);
        await File.WriteAllTextAsync(options.Report, markdown);
        Progress($"report written to {options.Report}");
        return safety.Ok ? 0 : 1;
    }

    private static Timer StartProgressTicker(AttemptLog log, Acknowledged acknowledged, CancellationToken stop)
    {
        var lastCount = 0;
        return new Timer(_ =>
        {
            if (stop.IsCancellationRequested)
            {
                return;
            }

            var attempts = log.Attempts;
            var recent = attempts.Skip(lastCount).ToList();
            lastCount = attempts.Count;
            Progress($"load: {recent.Count} requests in the last 10 s, {recent.Count(a => !a.Ok)} failed; {acknowledged.Count} acknowledged writes so far");
        }, null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
    }

    private static void Progress(string message) => Console.WriteLine($"[{RunClock.Now,6:0.0}s] {message}");
}
