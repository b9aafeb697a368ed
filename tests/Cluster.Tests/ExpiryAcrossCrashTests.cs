using Quartermaster.Cluster.Tests.Harness;
using Xunit.Abstractions;

namespace Quartermaster.Cluster.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ExpiryAcrossCrashTests(BackingServers servers, ITestOutputHelper output)
{
    private const string Warehouse = "main";
    private const int TtlSeconds = 10;

    /// <summary>
    /// "kill": SIGKILL. "freeze": SIGSTOP until every hold has expired and the silo is declared dead, then SIGCONT;
    /// the ledgers are checked once the resumed silo has noticed it is dead and stopped, so a stale expiry it still
    /// attempts would show.
    /// </summary>
    [Theory]
    [InlineData("kill")]
    [InlineData("freeze")]
    public async Task Holds_of_a_killed_or_frozen_silo_still_expire_within_60_seconds_exactly_once(string fault)
    {
        await using var cluster = await LocalCluster.StartAsync(servers, silos: 2, frontends: 1);
        using var client = await TenantClient.CreateTenantAsync(cluster.Frontends[0].Url);
        var skus = Enumerable.Range(1, 12).Select(i => $"x{i}").ToList();
        await client.SeedAsync(skus, Warehouse, 10);
        foreach (var sku in skus)
        {
            (await client.PlaceHoldAsync(sku, Warehouse, "short-" + sku, 2, TtlSeconds)).EnsureSuccessStatusCode();
        }

        var placedAt = DateTimeOffset.UtcNow;
        var busiest = await Activations.BusiestSiloAsync(cluster, Activations.StockItem);
        Assert.True(busiest.Count > 0, "no silo reports an active stock item");
        output.WriteLine($"silo {busiest.Index} holds {busiest.Count} of the {skus.Count} items and is the one that fails");
        var silo = cluster.Silos[busiest.Index].Process;
        var survivor = cluster.Silos[1 - busiest.Index];
        if (fault == "kill")
        {
            await silo.KillAsync();
        }
        else
        {
            await silo.PauseAsync();
        }

        var deadline = placedAt + TimeSpan.FromSeconds(TtlSeconds + 60);
        await Eventually.TrueAsync(async () => (await ExpiredCountAsync(client, skus)) == skus.Count,
            deadline - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(5), "every hold expired within 60 s of its expiry");
        output.WriteLine($"{fault}: all {skus.Count} holds expired {(DateTimeOffset.UtcNow - placedAt).TotalSeconds:F0} s after placement (TTL {TtlSeconds} s)");
        if (fault == "freeze")
        {
            await Eventually.TrueAsync(
                () => Membership.CountsActiveSilosAsync(survivor.HealthUrl, 1),
                TimeSpan.FromSeconds(60), "the frozen silo declared dead");
            await silo.ResumeAsync();
            await Eventually.TrueAsync(() => Task.FromResult(silo.HasExited), TimeSpan.FromSeconds(60), "the resumed silo notices it is dead and stops");
        }

        foreach (var sku in skus)
        {
            var ledger = await client.LedgerAsync(sku, Warehouse);
            Assert.Single(ledger, e => e.GetProperty("type").GetString() == "expire");
            Assert.Equal(0, (await client.GetJsonAsync($"/api/v1/stock/{sku}/{Warehouse}")).GetProperty("reserved").GetInt64());
        }

        await AcknowledgedWrites.InvariantsHoldAsync(client);
    }

    /// <summary>How many holds have expired; -1 while the cluster is still failing over (a read answered 503).</summary>
    private static async Task<int> ExpiredCountAsync(TenantClient client, IEnumerable<string> skus)
    {
        var count = 0;
        try
        {
            foreach (var sku in skus)
            {
                var ledger = await client.LedgerAsync(sku, Warehouse);
                count += ledger.Any(e => e.GetProperty("type").GetString() == "expire") ? 1 : 0;
            }
        }
        catch (HttpRequestException error) when (error.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable)
        {
            return -1;
        }
        catch (TaskCanceledException)
        {
            // a read that waited on the frozen silo until the client gave up
            return -1;
        }

        return count;
    }
}
