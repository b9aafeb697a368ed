using System.Globalization;
using Quartermaster.Chaos.Checks;
using Quartermaster.Chaos.Faults;

namespace Quartermaster.Chaos.Report;

/// <summary>The done-means of issue 13, judged from the run's figures.</summary>
internal static class Targets
{
    public static IReadOnlyList<Target> Judge(IReadOnlyList<FaultMetrics> faults, SafetyReport safety)
    {
        var targets = new List<Target>();
        if (Find(faults, FaultKinds.FreezeSilo) is { } freeze)
        {
            targets.Add(new Target("SIGSTOP 45 s: the silo is declared dead within 20 s",
                freeze.Fault.DeclaredDeadAfter is { } dead ? $"{S(dead)} s" : "not declared dead during the freeze",
                freeze.Fault.WatchedMembership ? freeze.Fault.DeclaredDeadAfter <= 20 : null));
            targets.Add(new Target("SIGSTOP 45 s: tenants whose grains lived elsewhere see no failed request",
                freeze.Fault.TenantsElsewhere is not { Count: > 0 } elsewhere
                    ? "no tenant had all its grains elsewhere"
                    : $"{freeze.FailedOfTenantsElsewhere} failed requests of {elsewhere.Count} such tenants",
                freeze.Fault.TenantsElsewhere is { Count: > 0 } ? freeze.FailedOfTenantsElsewhere == 0 : null));
            targets.Add(new Target("SIGSTOP 45 s: requests to stock items whose grains lived elsewhere do not fail (finer form of the above)",
                freeze.StockRequestsElsewhere is { } requests ? $"{freeze.FailedStockRequestsElsewhere} failed of {requests}" : "placement unknown",
                freeze.StockRequestsElsewhere is > 0 ? freeze.FailedStockRequestsElsewhere == 0 : null));
            targets.Add(new Target("SIGSTOP 45 s: every tenant served again within 25 s of the freeze",
                $"{S(freeze.RecoveredAfter)} s", freeze.RecoveredAfter <= 25));
        }

        if (Find(faults, FaultKinds.RedisOutage) is { } redis)
        {
            targets.Add(new Target("Redis down: zero failed requests", $"{redis.Failed} failed", redis.Failed == 0));
            targets.Add(new Target("Redis down: POST p99 within 2x of before",
                $"{S(redis.PostP99During)} ms during, {S(redis.PostP99Before)} ms before",
                double.IsNaN(redis.PostP99During) ? null : redis.PostP99During <= 2 * redis.PostP99Before));
        }

        if (Find(faults, FaultKinds.RestartPostgres) is { } postgres)
        {
            targets.Add(new Target("PostgreSQL restart: zero 500s", $"{postgres.Status500} responses 5xx other than 503", postgres.Status500 == 0));
            targets.Add(new Target("PostgreSQL restart: failures only while it is down",
                $"{postgres.FailedAfterReady} failed requests later than {S(FaultMetrics.ReadyGraceSeconds)} s after it accepted connections",
                postgres.FailedAfterReady == 0));
            var afterReady = postgres.RecoveredAfter - (postgres.Fault.Ready!.Value - postgres.Fault.Injected);
            targets.Add(new Target("PostgreSQL restart: served again within 5 s of accepting connections",
                $"{S(Math.Max(0, afterReady))} s", afterReady <= 5));
        }

        foreach (var kill in faults.Where(f => f.Fault.Kind is FaultKinds.KillSilo or FaultKinds.KillFrontend))
        {
            targets.Add(new Target($"{kill.Fault.Title}: a retrying client succeeds within 10 s of the kill",
                kill.LongestWait is { } longest ? $"the slowest operation (retries included) succeeded {S(longest)} s after the kill or its start; {kill.UnknownOutcomes} gave up" : "no operation succeeded in the window",
                kill.LongestWait is <= 10 && kill.UnknownOutcomes == 0));
        }

        foreach (var silo in faults.Where(f => f.Fault.HitsSilo))
        {
            targets.Add(new Target($"{silo.Fault.Title}: holds and orders expire within 60 s of expiresAt",
                silo.ExpiryLatenessMax is { } late
                    ? $"latest {S(late)} s after expiresAt ({silo.ProbesOnTarget} of {silo.Fault.Probes.Count} probes on the target silo)"
                    : $"{silo.ProbesNotExpired} probes not expired by the checks",
                silo.Fault.Probes.Count == 0 ? null : silo.ExpiryLatenessMax <= 60));
        }

        targets.Add(new Target("Zero safety violations", $"{safety.Violations.Count} violations", safety.Ok));
        targets.Add(new Target("Rolling-restart and scale-in tests pass 10 of 10", "measured by the cluster tests, not by this run", null));
        return targets;
    }

    private static FaultMetrics? Find(IReadOnlyList<FaultMetrics> faults, string kind) => faults.FirstOrDefault(f => f.Fault.Kind == kind);

    public static string S(double value) => double.IsPositiveInfinity(value) ? "never" : value.ToString("0.0", CultureInfo.InvariantCulture);
}
