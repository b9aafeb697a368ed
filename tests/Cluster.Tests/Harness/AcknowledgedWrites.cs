using System.Collections.Concurrent;
using System.Net;

namespace Quartermaster.Cluster.Tests.Harness;

/// <summary>The checks every fault test ends with: nothing acknowledged is missing, nothing is oversold.</summary>
public static class AcknowledgedWrites
{
    public static async Task VerifyAsync(TenantClient client, LoadRunner load, IReadOnlyList<string> skus, string warehouseId)
    {
        var holdsInLedger = new Dictionary<string, HashSet<string>>();
        foreach (var sku in skus)
        {
            var ledger = await client.LedgerAsync(sku, warehouseId);
            holdsInLedger[sku] = ledger.Where(e => e.GetProperty("type").GetString() == "hold")
                .Select(e => e.GetProperty("movementId").GetString()!).ToHashSet();
            var seqs = ledger.Select(e => e.GetProperty("seq").GetInt64()).ToList();
            Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
        }

        var missingHolds = load.AcknowledgedHolds.Where(h => !holdsInLedger[h.Sku].Contains(h.HoldId)).ToList();
        Assert.True(missingHolds.Count == 0, $"acknowledged holds missing from the ledger: {string.Join(", ", missingHolds.Take(10))}");

        // Read eight at a time: a run acknowledges thousands of orders, and one at a time took seconds of the test.
        var notFound = new ConcurrentBag<(string OrderId, HttpStatusCode Status)>();
        await Parallel.ForEachAsync(load.AcknowledgedOrders, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (orderId, _) =>
        {
            var status = await client.GetStatusAsync($"/api/v1/orders/{orderId}");
            if (status != HttpStatusCode.OK)
            {
                notFound.Add((orderId, status));
            }
        });
        Assert.True(notFound.IsEmpty, $"acknowledged orders not read back: {string.Join(", ", notFound.Take(10))}");

        await InvariantsHoldAsync(client);
    }

    /// <summary>
    /// An order interrupted mid-placement by a crash holds stock until the order sweep undoes it (within
    /// about 30 s of the silo being declared dead), so the check is given time to come true.
    /// </summary>
    public static async Task InvariantsHoldAsync(TenantClient client)
    {
        var last = default(System.Text.Json.JsonElement);
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                last = await client.InvariantsAsync();
                return last.GetProperty("ok").GetBoolean();
            }, TimeSpan.FromSeconds(150), "the invariant checker passes");
        }
        catch (TimeoutException)
        {
            Assert.Fail("invariants: " + last);
        }
    }
}
