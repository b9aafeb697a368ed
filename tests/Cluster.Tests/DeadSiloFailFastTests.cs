using System.Diagnostics;
using System.Net;
using Quartermaster.Cluster.Tests.Harness;
using Xunit.Abstractions;

namespace Quartermaster.Cluster.Tests;

/// <summary>
/// A call sent to a silo that then dies gets no answer; without help the frontend waits out its 10 s response
/// timeout before retrying. The frontend watches the gateway list and abandons (then retries) the calls that
/// were in flight when a silo left, so they are answered soon after the death is declared.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class DeadSiloFailFastTests(BackingServers servers, ITestOutputHelper output)
{
    private static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Requests_stuck_on_a_silo_that_dies_are_answered_well_before_the_response_timeout()
    {
        await using var cluster = await LocalCluster.StartAsync(servers, silos: 2, frontends: 1);
        using var tenant = await TenantClient.CreateTenantAsync(cluster.Frontends[0].Url);
        var skus = Enumerable.Range(1, 40).Select(i => $"ff{i}").ToList();
        // Activates every item's grain; the silo frozen is the one holding most of them, never one that holds none.
        await tenant.SeedAsync(skus, "w1", 10);
        foreach (var sku in skus)
        {
            Assert.Equal(HttpStatusCode.OK, await tenant.GetStatusAsync($"/api/v1/stock/{sku}/w1"));
        }

        var busiest = await Activations.BusiestSiloAsync(cluster, Activations.StockItem);
        Assert.True(busiest.Count > 0, "no silo reports an active stock item");
        output.WriteLine($"silo {busiest.Index} holds {busiest.Count} of the {skus.Count} items");
        var doomed = cluster.Silos[busiest.Index].Process;
        await doomed.PauseAsync();
        var clock = Stopwatch.StartNew();
        var reads = skus.Select(async sku =>
        {
            var sent = clock.Elapsed;
            var status = await tenant.GetStatusAsync($"/api/v1/stock/{sku}/w1");
            return (Sku: sku, Status: status, Sent: sent, Answered: clock.Elapsed);
        }).ToList();

        // A read served by a live silo answers in milliseconds; one still open after a second is held by the frozen silo.
        await Task.WhenAny(Task.WhenAll(reads), Task.Delay(TimeSpan.FromSeconds(1)));
        var stuck = reads.Count(r => !r.IsCompleted);
        Assert.True(stuck > 0, "no read was held by the frozen silo, so this run tested nothing");
        await doomed.KillAsync();
        var killedAt = clock.Elapsed;

        var answers = await Task.WhenAll(reads);
        var late = answers.Where(a => a.Answered > killedAt).OrderBy(a => a.Answered).ToList();
        output.WriteLine($"{stuck} of {skus.Count} reads were held by the frozen silo when it was killed {killedAt.TotalSeconds:F1} s after they were sent");
        late.ForEach(a => output.WriteLine($"  {a.Sku}: {a.Status} {(a.Answered - a.Sent).TotalSeconds:F1} s after it was sent"));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        var slowest = answers.Max(a => a.Answered - a.Sent);
        // Waiting out the response timeout would take at least 10 s; the death of a killed silo is declared in
        // seconds, then the frontend sees it within 1 s and gives calls 1 s of grace.
        Assert.True(slowest < ResponseTimeout - TimeSpan.FromSeconds(1),
            $"the slowest read took {slowest.TotalSeconds:F1} s: it waited out the response timeout instead of failing fast");
    }
}
