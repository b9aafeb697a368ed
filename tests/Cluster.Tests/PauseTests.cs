using Quartermaster.Cluster.Tests.Harness;
using Xunit.Abstractions;

namespace Quartermaster.Cluster.Tests;

/// <summary>
/// A silo frozen by SIGSTOP (what a long GC pause, a throttled container or a frozen VM look like), on the
/// shipped failure-detection settings (src/Silo/appsettings.json; docs/operations.md explains each value).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PauseTests(BackingServers servers, ITestOutputHelper output)
{
    private static readonly string[] Skus = ["p1", "p2", "p3", "p4", "p5", "p6"];
    private static readonly TimeSpan DeclaredDeadWithin = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan ServedAgainWithin = TimeSpan.FromSeconds(25);

    [Fact]
    public async Task A_frozen_silo_is_declared_dead_within_20_s_every_tenant_is_served_again_within_25_s_and_its_stale_writes_are_refused()
    {
        await using var cluster = await LocalCluster.StartAsync(servers, silos: 3, frontends: 2);
        await using var session = await LoadSession.StartAsync(cluster, Skus, workers: 8, warmUpSuccesses: 200);
        // 12 tenants, so some of their key and settings grains sit on the frozen silo. Whether a frontend needs its
        // stale-if-error copy depends on timing (a key verified within its cache lifetime asks nothing), so the
        // count is printed, not asserted; the fallback itself is tested deterministically in StaleIfErrorTests.
        await using var probes = await TenantProbes.StartAsync(cluster, tenants: 12);
        var load = session.Load;

        var paused = cluster.Silos[2].Process;
        await paused.PauseAsync();
        var pausedAt = load.Now;
        var probesPausedAt = probes.Now;
        await Eventually.TrueAsync(
            () => Membership.CountsActiveSilosAsync(cluster.Silos[0].HealthUrl, 2), TimeSpan.FromSeconds(60), "the paused silo declared dead in the membership table");
        var declaredDeadAfter = load.Now - pausedAt;
        output.WriteLine($"declared dead {declaredDeadAfter.TotalSeconds:F1} s after SIGSTOP");
        await Eventually.TrueAsync(() => Task.FromResult(probes.Now > probesPausedAt + ServedAgainWithin + TimeSpan.FromSeconds(5)),
            TimeSpan.FromSeconds(60), "5 s of probes past the 25 s bound");

        await paused.ResumeAsync();
        await Eventually.TrueAsync(() => Task.FromResult(paused.HasExited), TimeSpan.FromSeconds(60), "the resumed silo notices it is dead and stops");
        await probes.StopAsync();
        await session.StopAsync();

        var probeFailures = probes.Outcomes.Where(o => o.Failure is not null).OrderBy(o => o.At).ToList();
        foreach (var tenant in probes.TenantIds)
        {
            var failed = probeFailures.Where(o => o.TenantId == tenant).ToList();
            output.WriteLine($"tenant {tenant}: {failed.Count} failed probes"
                + (failed.Count == 0 ? "" : $", {(failed[0].At - probesPausedAt).TotalSeconds:F1}..{(failed[^1].At - probesPausedAt).TotalSeconds:F1} s after SIGSTOP"));
        }

        var loadFailuresLate = load.Errors.Where(e => e.At > pausedAt + ServedAgainWithin).OrderBy(e => e.At).ToList();
        output.WriteLine($"load: {load.Errors.Count} failed requests, {loadFailuresLate.Count} started more than 25 s after SIGSTOP");
        load.Errors.OrderBy(e => e.At).Take(10).ToList().ForEach(e => output.WriteLine("  " + e));
        var servedFromCache = cluster.Frontends.Sum(f => Count(f.Process.ReadLog(), "served from this frontend's cache"));
        output.WriteLine($"key or settings look-ups answered from a frontend's cache while their grain did not answer: {servedFromCache}");

        Assert.True(declaredDeadAfter <= DeclaredDeadWithin, $"declared dead only {declaredDeadAfter.TotalSeconds:F1} s after SIGSTOP");
        Assert.True(probeFailures.All(o => o.Probe == "stock read"),
            "a request needing only the key and settings failed:\n" + string.Join("\n", probeFailures.Where(o => o.Probe != "stock read").Take(10)));
        var late = probeFailures.Where(o => o.At > probesPausedAt + ServedAgainWithin).ToList();
        Assert.True(late.Count == 0, "tenants not served 25 s after SIGSTOP:\n" + string.Join("\n", late.Take(10)));
        Assert.True(loadFailuresLate.Count == 0, "load not served 25 s after SIGSTOP:\n" + string.Join("\n", loadFailuresLate.Take(10)));

        var refused = paused.ReadLog().Split('\n').Where(l => l.Contains("Stale write refused", StringComparison.Ordinal)).ToList();
        output.WriteLine($"stale writes the resumed silo attempted and had refused: {refused.Count}");
        refused.Take(5).ToList().ForEach(output.WriteLine);
        await session.StopAndVerifyAsync();
    }

    private static int Count(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
