using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Quartermaster.Cluster.Tests.Harness;
using Xunit.Abstractions;

namespace Quartermaster.Cluster.Tests;

/// <summary>
/// kill -9 of the silo running an import half-way through its rows: the import resumes on another silo (woken by the
/// order sweep, which calls every import holding rows) from its stored rows with nobody asking, finishes, and the
/// ledger holds exactly one receipt per row of the file.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ImportCrashTests(BackingServers servers, ITestOutputHelper output)
{
    private const string Warehouse = "w1";
    private const int Rows = 24_000;
    private static readonly string[] Skus = Enumerable.Range(1, 24).Select(i => $"imp-{i}").ToArray();

    [Fact]
    public async Task Killing_the_silo_of_a_running_import_applies_every_row_exactly_once()
    {
        await using var cluster = await LocalCluster.StartAsync(servers, silos: 2, frontends: 1);
        using var client = await TenantClient.CreateTenantAsync(cluster.Frontends[0].Url);
        await client.SeedAsync(Skus, Warehouse, 1);

        var csv = new StringBuilder("sku,warehouseId,movementId,quantity\n");
        for (var row = 0; row < Rows; row++)
        {
            csv.Append(Skus[row % Skus.Length]).Append(',').Append(Warehouse).Append(",imp-row-").Append(row).Append(",1\n");
        }

        var posted = await client.PostAsync("/api/v1/imports?kind=receipts", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var importId = JsonDocument.Parse(await posted.Content.ReadAsStringAsync()).RootElement.GetProperty("importId").GetString()!;

        long progress = 0;
        await Eventually.TrueAsync(async () =>
        {
            progress = Done(await client.GetJsonAsync($"/api/v1/imports/{importId}"));
            return progress > 0;
        }, TimeSpan.FromSeconds(60), "the import to be under way");
        Assert.True(progress < Rows / 2, $"The import was {progress} of {Rows} rows along before the kill: make the file longer.");
        var running = cluster.Silos.Single(s => s.Process.ReadLog().Contains($"Import {importId} of tenant {client.TenantId} runs on this silo", StringComparison.Ordinal)).Process;
        var killedAt = Stopwatch.StartNew();
        await running.KillAsync();
        output.WriteLine($"killed {running.Name}, which ran the import, with about {progress} of {Rows} rows done");

        // Waiting on the event log, not on GET /imports/{id}: a GET would activate the import and so resume it itself,
        // and what is under test is that the import resumes with nobody asking (the sweep).
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                var events = await client.GetJsonAsync("/api/v1/events?types=import.finished");
                return events.GetProperty("items").EnumerateArray().Any(e => e.GetProperty("data").GetProperty("importId").GetString() == importId);
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromMinutes(3), "import.finished of the import, resumed on another silo");
        var finished = await client.GetJsonAsync($"/api/v1/imports/{importId}");
        output.WriteLine($"finished {killedAt.Elapsed.TotalSeconds:F0} s after the kill: {finished}");

        Assert.Equal("succeeded", finished.GetProperty("status").GetString());
        Assert.Equal(0, finished.GetProperty("rowsFailed").GetInt64());
        Assert.Equal(Rows, Done(finished));
        foreach (var sku in Skus)
        {
            var ledger = await client.LedgerAsync(sku, Warehouse);
            var receipts = ledger.Select(e => e.GetProperty("movementId").GetString()!).Where(id => id.StartsWith("imp-row-", StringComparison.Ordinal)).ToList();
            Assert.Equal(Rows / Skus.Length, receipts.Count);
            Assert.Equal(receipts.Count, receipts.Distinct().Count());
            var item = await client.GetJsonAsync($"/api/v1/stock/{sku}/{Warehouse}");
            Assert.Equal(1 + Rows / Skus.Length, item.GetProperty("onHand").GetInt64());
        }
    }

    private static long Done(JsonElement view) => view.GetProperty("rowsApplied").GetInt64() + view.GetProperty("rowsSkipped").GetInt64();
}
