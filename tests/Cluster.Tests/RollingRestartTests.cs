using Quartermaster.Cluster.Tests.Harness;
using Xunit.Abstractions;

namespace Quartermaster.Cluster.Tests;

[Collection(ClusterCollection.Name)]
public sealed class RollingRestartTests(BackingServers servers, ITestOutputHelper output)
{
    private static readonly string[] Skus = ["r1", "r2", "r3", "r4", "r5", "r6"];

    [Fact]
    public async Task A_rolling_restart_of_every_silo_fails_no_request()
    {
        await using var cluster = await LocalCluster.StartAsync(servers, silos: 3, frontends: 2);
        await using var session = await LoadSession.StartAsync(cluster, Skus, workers: 8, warmUpSuccesses: 100);
        var load = session.Load;

        foreach (var old in cluster.Silos.Select(s => s.Process).ToList())
        {
            // What a Deployment rollout does: the replacement first, then SIGTERM to the old pod.
            await cluster.StartSiloAsync();
            await cluster.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
            await old.TerminateAsync(TimeSpan.FromSeconds(120));
            output.WriteLine($"{old.Name} replaced at {load.Now.TotalSeconds:F1} s; errors so far {load.Errors.Count}");
        }

        await Eventually.TrueAsync(() => Task.FromResult(load.Successes.Count(s => s > load.Now - TimeSpan.FromSeconds(3)) > 20),
            TimeSpan.FromSeconds(30), "load served after the rollout");
        await session.StopAsync();

        output.WriteLine($"acknowledged holds {load.AcknowledgedHolds.Count}, orders {load.AcknowledgedOrders.Count}, errors {load.Errors.Count}");
        Assert.True(load.Errors.IsEmpty, "failed requests:\n" + string.Join("\n", load.Errors.OrderBy(e => e.At)));
        await session.StopAndVerifyAsync();
    }

    [Fact]
    public async Task Scaling_out_to_a_fourth_silo_and_back_in_fails_no_request()
    {
        await using var cluster = await LocalCluster.StartAsync(servers, silos: 3, frontends: 2);
        await using var session = await LoadSession.StartAsync(cluster, Skus, workers: 8, warmUpSuccesses: 100);
        var load = session.Load;

        var added = await cluster.StartSiloAsync();
        await cluster.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        var addedAt = load.Now;
        await Eventually.TrueAsync(() => Task.FromResult(load.Successes.Count(s => s > addedAt) > 300), TimeSpan.FromSeconds(60),
            "load served with four silos");
        await added.TerminateAsync(TimeSpan.FromSeconds(120));
        var removedAt = load.Now;
        await Eventually.TrueAsync(() => Task.FromResult(load.Successes.Count(s => s > removedAt) > 300), TimeSpan.FromSeconds(60),
            "load served after scaling back in");
        await session.StopAsync();

        output.WriteLine($"acknowledged holds {load.AcknowledgedHolds.Count}, orders {load.AcknowledgedOrders.Count}, errors {load.Errors.Count}");
        Assert.True(load.Errors.IsEmpty, "failed requests:\n" + string.Join("\n", load.Errors.OrderBy(e => e.At)));
        await session.StopAndVerifyAsync();
    }
}
