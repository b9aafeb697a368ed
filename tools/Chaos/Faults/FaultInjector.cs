using Quartermaster.Chaos.Cluster;
using Quartermaster.Chaos.Load;

namespace Quartermaster.Chaos.Faults;

/// <summary>Injects the plan's faults one after another, each lifted and recovered from before the next.</summary>
internal sealed class FaultInjector(
    FaultPlan plan, ClusterControl control, Membership membership, GrainPlacement placement, ExpiryProbes probes,
    IReadOnlyList<ChaosTenant> tenants, AttemptLog log)
{
    private const int Silos = 3;
    private static readonly TimeSpan DeathWatchCap = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan KilledSiloRestartCap = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FrontendDownFor = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FrozenSiloExitWait = TimeSpan.FromSeconds(20);

    public async Task<List<FaultRecord>> RunAsync()
    {
        var records = new List<FaultRecord>();
        foreach (var kind in plan.Faults)
        {
            var record = kind switch
            {
                FaultKinds.KillSilo => await KillSiloAsync(),
                FaultKinds.FreezeSilo => await FreezeSiloAsync(),
                FaultKinds.RestartPostgres => await RestartPostgresAsync(),
                FaultKinds.RedisOutage => await RedisOutageAsync(),
                FaultKinds.KillFrontend => await KillFrontendAsync(),
                _ => throw new InvalidOperationException($"unknown fault {kind}"),
            };
            var recovered = await RecoveryWatch.WaitAsync(log, tenants.Select(t => t.TenantId).ToList(), record.Lifted, FaultPlan.RecoveryCap);
            Progress(recovered ? "load healthy again" : $"load not healthy {FaultPlan.RecoveryCap.TotalSeconds:0} s after the fault was lifted");
            await Task.Delay(plan.Settle);
            record.End = RunClock.Now;
            records.Add(record);
        }

        return records;
    }

    private async Task<FaultRecord> KillSiloAsync()
    {
        var record = new FaultRecord(FaultKinds.KillSilo, "kill -9 of a silo (restarted once declared dead)");
        var silo = await AimAsync(record, "kill", SiloTargeting.ForProbes);
        var process = $"silo{silo}";
        using var stop = new CancellationTokenSource();
        var death = await InjectWatchingDeathAsync(record, silo, () => control.SignalAsync(process, "KILL"), stop.Token);
        Progress($"kill -9 {process}");
        await Task.WhenAny(death, Task.Delay(KilledSiloRestartCap));
        record.Lifted = RunClock.Now;
        await control.StartAsync(process);
        Progress($"{process} restarted");
        record.DeclaredDeadAfter = await death;
        return record;
    }

    private async Task<FaultRecord> FreezeSiloAsync()
    {
        var record = new FaultRecord(FaultKinds.FreezeSilo, $"SIGSTOP of a silo for {plan.FreezeFor.TotalSeconds:0} s");
        var silo = await AimAsync(record, "freeze", SiloTargeting.ForIsolation);
        var process = $"silo{silo}";
        using var stop = new CancellationTokenSource();
        var death = await InjectWatchingDeathAsync(record, silo, () => control.SignalAsync(process, "STOP"), stop.Token);
        Progress($"SIGSTOP {process}");
        await Task.Delay(plan.FreezeFor);
        await control.SignalAsync(process, "CONT");
        record.Lifted = RunClock.Now;
        Progress($"SIGCONT {process}");
        var exitBy = RunClock.Now + FrozenSiloExitWait.TotalSeconds;
        while (control.IsRunning(process) && RunClock.Now < exitBy)
        {
            await Task.Delay(250);
        }

        if (!control.IsRunning(process))
        {
            record.Notes.Add($"{process} stopped itself after the freeze (declared dead); it was started again");
            await control.StartAsync(process);
            Progress($"{process} had stopped itself; restarted");
        }

        await stop.CancelAsync();
        record.DeclaredDeadAfter = await death;
        return record;
    }

    private async Task<FaultRecord> RestartPostgresAsync()
    {
        var record = new FaultRecord(FaultKinds.RestartPostgres, "PostgreSQL immediate restart") { Target = "postgres" };
        record.Injected = RunClock.Now;
        await control.StopPostgresImmediatelyAsync();
        Progress("PostgreSQL stopped (-m immediate)");
        await control.StartPostgresAsync();
        record.Lifted = RunClock.Now;
        record.Ready = record.Lifted;
        Progress("PostgreSQL accepting connections again");
        return record;
    }

    private async Task<FaultRecord> RedisOutageAsync()
    {
        var record = new FaultRecord(FaultKinds.RedisOutage, $"Redis killed for {plan.RedisDownFor.TotalSeconds:0} s") { Target = "redis" };
        record.Injected = RunClock.Now;
        await control.KillRedisAsync();
        Progress("kill -9 redis");
        await Task.Delay(plan.RedisDownFor);
        await control.StartRedisAsync();
        record.Lifted = RunClock.Now;
        record.Ready = record.Lifted;
        Progress("redis started again");
        return record;
    }

    private async Task<FaultRecord> KillFrontendAsync()
    {
        var record = new FaultRecord(FaultKinds.KillFrontend, $"kill -9 of a frontend (restarted after {FrontendDownFor.TotalSeconds:0} s)") { Target = "frontend1" };
        record.Injected = RunClock.Now;
        await control.SignalAsync("frontend1", "KILL");
        Progress("kill -9 frontend1");
        await Task.Delay(FrontendDownFor);
        await control.StartAsync("frontend1");
        record.Lifted = RunClock.Now;
        Progress("frontend1 restarted");
        return record;
    }

    /// <summary>Places the expiry probes, asks where grains live and picks the silo to hit.</summary>
    private async Task<int> AimAsync(FaultRecord record, string label,
        Func<IReadOnlyList<ExpiryProbe>, IReadOnlyList<ChaosTenant>, IReadOnlyList<PlacedGrain>, int, int> choose)
    {
        record.Probes.AddRange(await probes.PlaceAsync(label));
        var grains = await placement.SnapshotAsync();
        int silo;
        if (grains is null)
        {
            silo = label == "kill" ? 2 : 3;
            record.Notes.Add("grain placement unknown: the silo was chosen blindly");
        }
        else
        {
            SiloTargeting.Locate(record.Probes, grains);
            silo = choose(record.Probes, tenants, grains, Silos);
            record.TenantsElsewhere = SiloTargeting.TenantsElsewhere(silo, tenants, grains);
            record.StockItemsElsewhere = SiloTargeting.StockItemsElsewhere(silo, tenants, grains);
        }

        record.Target = $"silo{silo}";
        Progress($"{record.Probes.Count} expiry probes placed ({record.Probes.Count(p => p.Silo == silo)} on silo{silo}); " +
            $"{record.TenantsElsewhere?.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} of {tenants.Count} tenants and " +
            $"{record.StockItemsElsewhere?.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} stock items have no grain on silo{silo}");
        return silo;
    }

    private async Task<Task<double?>> InjectWatchingDeathAsync(FaultRecord record, int silo, Func<Task> inject, CancellationToken stop)
    {
        var port = control.SiloPort(silo);
        var generation = await membership.GenerationAsync(port);
        record.Injected = RunClock.Now;
        await inject();
        if (generation is null)
        {
            record.Notes.Add("the membership table could not be read before the fault: time to declared dead not measured");
            return Task.FromResult<double?>(null);
        }

        record.WatchedMembership = true;
        return DeathWatch.WatchAsync(membership, port, generation.Value, record.Injected, DeathWatchCap, stop);
    }

    private static void Progress(string message) => Console.WriteLine($"[{RunClock.Now,6:0.0}s] {message}");
}
