using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Quartermaster.Cluster.Tests.Harness;
using Quartermaster.Tests.Shared;
using Xunit.Abstractions;

namespace Quartermaster.Cluster.Tests;

/// <summary>
/// kill -9 of the silo running an endpoint's delivery engine in the middle of a stream of writes: the engine
/// comes back on another silo (woken by the surviving silo's keeper, its reminder the backstop) and every acknowledged
/// write's event reaches the receiver, signed.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class WebhookDeliveryCrashTests(BackingServers servers, ITestOutputHelper output)
{
    private const string Warehouse = "w1";

    [Fact]
    public async Task Killing_the_silo_of_a_delivery_engine_mid_stream_loses_no_event()
    {
        await using var receiver = new WebhookReceiver();
        await using var cluster = await LocalCluster.StartAsync(servers, silos: 2, frontends: 1);
        using var client = await TenantClient.CreateTenantAsync(cluster.Frontends[0].Url);
        await client.SeedAsync(["k1"], Warehouse, 1);
        var created = await (await client.PostJsonAsync("/api/v1/webhook-endpoints", new { url = receiver.Url, eventTypes = new[] { "stock.changed" } }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var endpointId = created.GetProperty("endpointId").GetString()!;
        var secret = created.GetProperty("secret").GetString()!;

        // Receipts keep coming while the engine's silo dies: some events are in flight, some not yet taken.
        var acknowledged = new List<string>();
        var writing = Task.Run(async () =>
        {
            for (var i = 1; i <= 60; i++)
            {
                await ReceiveAsync(client, $"r-{i}", acknowledged);
                await Task.Delay(50);
            }
        });
        await receiver.WaitForAsync(r => Delivered(r).Count >= 10, TimeSpan.FromSeconds(30), "the first deliveries");
        var engineSilo = cluster.Silos.Single(s => s.Process.ReadLog().Contains($"endpoint {endpointId} run on this silo", StringComparison.Ordinal)).Process;
        var killedAt = Stopwatch.StartNew();
        await engineSilo.KillAsync();
        output.WriteLine($"killed {engineSilo.Name}, which ran the engine, with {Delivered(receiver.Received).Count} receipts delivered and writes going on");
        await writing;
        Assert.Equal(60, acknowledged.Count);

        var received = await receiver.WaitForAsync(r => acknowledged.All(Delivered(r).ContainsKey), TimeSpan.FromSeconds(120),
            "an accepted delivery of every acknowledged receipt");
        output.WriteLine($"every receipt delivered {killedAt.Elapsed.TotalSeconds:F0} s after the kill; "
            + $"{received.Count} requests for {acknowledged.Count} events ({received.Count - received.Select(r => r.EventId).Distinct().Count()} repeats)");

        foreach (var webhook in received.Where(r => r.AnsweredStatus == 200))
        {
            Assert.True(WebhookReceiver.Verifies(webhook, secret), $"The signature of {webhook.EventId} does not verify.");
        }

        // A repeat is the same event: same id, same body.
        Assert.All(received.GroupBy(r => r.EventId), g => Assert.Single(g.Select(r => Convert.ToBase64String(r.Body)).Distinct()));
        Assert.Equal(acknowledged.Count, Delivered(received).Count);
    }

    /// <summary>Accepted deliveries by the movement id of their ledger entry, the seed's left out.</summary>
    private static Dictionary<string, string> Delivered(IReadOnlyList<ReceivedWebhook> received) =>
        received.Where(r => r.AnsweredStatus == 200)
            .Select(r => (r.EventId, MovementId: JsonDocument.Parse(r.Body).RootElement.GetProperty("data").GetProperty("ledgerEntry").GetProperty("movementId").GetString()!))
            .Where(d => !d.MovementId.StartsWith("seed-", StringComparison.Ordinal))
            .GroupBy(d => d.MovementId)
            .ToDictionary(g => g.Key, g => g.First().EventId);

    /// <summary>A receipt, sent again with the same movement id until it is acknowledged (the cluster may be failing over).</summary>
    private static async Task ReceiveAsync(TenantClient client, string movementId, List<string> acknowledged)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var response = await client.PostJsonAsync($"/api/v1/stock/k1/{Warehouse}/receipts", new { movementId, quantity = 1 });
                if (response.IsSuccessStatusCode)
                {
                    acknowledged.Add(movementId);
                    return;
                }

                Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"receipt {movementId}: {(int)response.StatusCode}");
            }
            catch (TaskCanceledException)
            {
                // waited on the dead silo until the client gave up: send it again
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), $"receipt {movementId} was not acknowledged within 60 s");
            await Task.Delay(200);
        }
    }
}
