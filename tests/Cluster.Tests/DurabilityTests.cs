using System.Text.Json;
using Quartermaster.Cluster.Tests.Harness;

namespace Quartermaster.Cluster.Tests;

[Collection(ClusterCollection.Name)]
public sealed class DurabilityTests(BackingServers servers)
{
    private const string Warehouse = "main";
    private static readonly string[] Skus = ["d1", "d2", "d3", "d4"];

    [Fact]
    public async Task Acknowledged_writes_survive_a_restart_of_every_silo_and_frontend_with_the_frontends_started_first()
    {
        await using var cluster = await LocalCluster.StartAsync(servers, silos: 2, frontends: 2);
        using var client = await TenantClient.CreateTenantAsync(cluster.Frontends[0].Url);
        await client.SeedAsync(Skus, Warehouse, 50);
        for (var i = 0; i < 12; i++)
        {
            (await client.PlaceHoldAsync(Skus[i % Skus.Length], Warehouse, $"h{i}", 1 + i % 3)).EnsureSuccessStatusCode();
        }

        for (var i = 0; i < 6; i++)
        {
            (await client.PlaceOrderAsync($"o{i}", [(Skus[i % 4], Warehouse, 2), (Skus[(i + 1) % 4], Warehouse, 1)])).EnsureSuccessStatusCode();
        }

        var before = await SnapshotAsync(client);
        await cluster.StopAllAsync();
        await cluster.StartAgainAsync(frontendsFirst: true);

        using var after = client.Via(cluster.Frontends[1].Url);
        Assert.Equal(before, await SnapshotAsync(after));
        await AcknowledgedWrites.InvariantsHoldAsync(after);
    }

    /// <summary>Every stock item (levels and full ledger) and every order, as the API shows them.</summary>
    private static async Task<string> SnapshotAsync(TenantClient client)
    {
        var parts = new List<string>();
        foreach (var sku in Skus)
        {
            parts.Add((await client.GetJsonAsync($"/api/v1/stock/{sku}/{Warehouse}")).GetRawText());
            parts.Add(JsonSerializer.Serialize(await client.LedgerAsync(sku, Warehouse)));
        }

        for (var i = 0; i < 6; i++)
        {
            parts.Add((await client.GetJsonAsync($"/api/v1/orders/o{i}")).GetRawText());
        }

        return string.Join("\n", parts);
    }
}
