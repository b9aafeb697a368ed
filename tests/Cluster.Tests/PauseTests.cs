using Quartermaster.Cluster.Tests.Harness;
using Xunit.Abstractions;

namespace Quartermaster.Cluster.Tests;

[Collection(ClusterCollection.Name)]
public sealed class PauseTests(BackingServers servers, ITestOutputHelper output)
{
    private static readonly string[] Skus = ["p1", "p2", "p3", "p4", "p5", "p6"];

    [Fact]
    public async Task A_paused_silo_is_declared_dead_and_its_stale_writes_are_refused()
    {
        await using var cluster = await LocalCluster.StartAsync(servers, silos: 3, frontends: 2);
        await using var session = await LoadSession.StartAsync(cluster, Skus, workers: 12, warmUpSuccesses: 200);
        var load = session.Load;

        var paused = cluster.Silos[2].Process;
        await paused.PauseAsync();
        var pausedAt = load.Now;
        await Eventually.TrueAsync(
            async () => await DeclaredDeadAsync(cluster), TimeSpan.FromSeconds(60), "the paused silo declared dead in the membership table");
        output.WriteLine($"declared dead {(load.Now - pausedAt).TotalSeconds:F1} s after SIGSTOP");
        await Eventually.TrueAsync(() => Task.FromResult(load.Successes.Count(s => s > load.Now - TimeSpan.FromSeconds(2)) > 20),
            TimeSpan.FromSeconds(60), "load served by the other silos");

        await paused.ResumeAsync();
        await Eventually.TrueAsync(() => Task.FromResult(paused.HasExited), TimeSpan.FromSeconds(60), "the resumed silo notices it is dead and stops");
        await session.StopAsync();

        var log = paused.ReadLog();
        var refused = log.Split('\n').Where(l => l.Contains("Stale write refused", StringComparison.Ordinal)).ToList();
        output.WriteLine($"stale writes the resumed silo attempted and had refused: {refused.Count}");
        refused.Take(5).ToList().ForEach(output.WriteLine);
        await session.StopAndVerifyAsync();
    }

    private static async Task<bool> DeclaredDeadAsync(LocalCluster cluster)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        var health = await http.GetStringAsync(cluster.Silos[0].HealthUrl + "/health");
        return health.Contains("2 active silo(s)", StringComparison.Ordinal);
    }
}
