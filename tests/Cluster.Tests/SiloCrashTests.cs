using Quartermaster.Cluster.Tests.Harness;
using Xunit.Abstractions;

namespace Quartermaster.Cluster.Tests;

[Collection(ClusterCollection.Name)]
public sealed class SiloCrashTests(BackingServers servers, ITestOutputHelper output)
{
    private static readonly string[] Skus = ["s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8"];

    [Fact]
    public async Task Killing_a_silo_under_load_loses_nothing_acknowledged_and_service_resumes_within_30_seconds()
    {
        await using var cluster = await LocalCluster.StartAsync(servers, silos: 3, frontends: 2);
        await using var session = await LoadSession.StartAsync(cluster, Skus, workers: 16, warmUpSuccesses: 200);
        var load = session.Load;

        var killedAt = load.Now;
        await cluster.Silos[1].Process.KillAsync();
        await Eventually.TrueAsync(() => Task.FromResult(load.Now > killedAt + TimeSpan.FromSeconds(32)), TimeSpan.FromSeconds(60), "32 s of load after the kill");
        await session.StopAsync();

        var errorsAfterKill = load.Errors.Select(e => e.At).Where(e => e >= killedAt).OrderBy(e => e).ToList();
        var window = errorsAfterKill.Count == 0 ? TimeSpan.Zero : errorsAfterKill[^1] - killedAt;
        output.WriteLine($"acknowledged holds {load.AcknowledgedHolds.Count}, orders {load.AcknowledgedOrders.Count}, refusals {load.Refusals}");
        output.WriteLine($"errors after the kill: {errorsAfterKill.Count}; error window {window.TotalSeconds:F1} s after the kill");
        Assert.True(window < TimeSpan.FromSeconds(30), $"errors until {window.TotalSeconds:F1} s after the kill");
        Assert.Contains(load.Successes, s => s > killedAt + TimeSpan.FromSeconds(30));

        await session.StopAndVerifyAsync();
    }
}
