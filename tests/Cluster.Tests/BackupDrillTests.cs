using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using Quartermaster.Cluster.Tests.Harness;
using Xunit.Abstractions;

namespace Quartermaster.Cluster.Tests;

/// <summary>The disaster-recovery drill: load, back up, lose the database, restore, check, compare.</summary>
[Collection(ClusterCollection.Name)]
public sealed class BackupDrillTests(BackingServers servers, ITestOutputHelper output)
{
    private const string Warehouse = "main";
    private static readonly string[] Skus = ["b1", "b2", "b3", "b4"];

    [Fact]
    public async Task Backup_wipe_restore_gives_back_every_stock_item_and_order()
    {
        var backup = Path.Combine(Path.GetTempPath(), "qm-backup-" + Guid.NewGuid().ToString("N")[..8]);
        await using var cluster = await LocalCluster.StartAsync(servers, silos: 2, frontends: 1);
        using var client = await TenantClient.CreateTenantAsync(cluster.Frontends[0].Url);
        await client.SeedAsync(Skus, Warehouse, 40);
        for (var i = 0; i < 10; i++)
        {
            (await client.PlaceHoldAsync(Skus[i % 4], Warehouse, $"h{i}", 1, ttlSeconds: 3600)).EnsureSuccessStatusCode();
            (await client.PlaceOrderAsync($"o{i}", [(Skus[i % 4], Warehouse, 2), (Skus[(i + 2) % 4], Warehouse, 1)])).EnsureSuccessStatusCode();
        }

        var before = await SnapshotAsync(client);
        var conninfo = $"host=127.0.0.1 port={servers.PostgresPort} user=quartermaster dbname={cluster.Database}";
        output.WriteLine(await Shell.RunAsync($"scripts/backup --pg '{conninfo}' --redis 127.0.0.1:{servers.RedisPort} --out '{backup}'"));

        await cluster.StopAllAsync();
        await WipeAsync(cluster.Database);
        var restoring = Stopwatch.StartNew();
        output.WriteLine(await Shell.RunAsync($"scripts/restore --pg '{conninfo}' --from '{backup}'"));
        await cluster.StartAgainAsync();
        output.WriteLine($"restore to serving: {restoring.Elapsed.TotalSeconds:F1} s (restore script plus cluster start)");

        using var after = client.Via(cluster.Frontends[0].Url);
        await AcknowledgedWrites.InvariantsHoldAsync(after);
        Assert.Equal(before, await SnapshotAsync(after));
        Directory.Delete(backup, recursive: true);
    }

    /// <summary>Everything in the database goes: the tables themselves are dropped.</summary>
    private async Task WipeAsync(string database)
    {
        await using var connection = new NpgsqlConnection(servers.PostgresConnection(database) + ";Pooling=false");
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand("DROP SCHEMA public CASCADE; CREATE SCHEMA public;", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<string> SnapshotAsync(TenantClient client)
    {
        var parts = new List<string>();
        foreach (var sku in Skus)
        {
            parts.Add((await client.GetJsonAsync($"/api/v1/stock/{sku}/{Warehouse}")).GetRawText());
            parts.Add(JsonSerializer.Serialize(await client.LedgerAsync(sku, Warehouse)));
        }

        for (var i = 0; i < 10; i++)
        {
            parts.Add((await client.GetJsonAsync($"/api/v1/orders/o{i}")).GetRawText());
        }

        return string.Join("\n", parts);
    }
}
