using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

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
            var status = await client.ReadBackStatusAsync($"/api/v1/orders/{orderId}");
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
        var last = default(JsonElement);
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
            Assert.Fail("invariants: " + last + await EvidenceAsync(client, last));
        }
    }

    /// <summary>
    /// For each order the checker names: the order as stored, and every ledger entry of the named stock item that
    /// belongs to it (its holds' ids carry the order id and attempt). Says whether a missing hold was ever placed,
    /// and what ended it, once the run's database is gone.
    /// </summary>
    private static async Task<string> EvidenceAsync(TenantClient client, JsonElement report)
    {
        if (report.ValueKind != JsonValueKind.Object || !report.TryGetProperty("violations", out var violations))
        {
            return "";
        }

        var evidence = new StringBuilder();
        var ledgers = new Dictionary<string, List<JsonElement>>();
        foreach (var violation in violations.EnumerateArray().Select(v => v.GetString() ?? "").Take(10))
        {
            var match = Regex.Match(violation, "^order (\\S+) is \\w+ but holds \\d+ of \\d+ on (\\S+)/(\\S+)$");
            if (!match.Success)
            {
                continue;
            }

            var (orderId, sku, warehouseId) = (match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value);
            try
            {
                evidence.Append("\n--- order ").Append(orderId).Append(": ").Append(await client.GetJsonAsync($"/api/v1/orders/{orderId}"));
                if (!ledgers.TryGetValue($"{sku}/{warehouseId}", out var ledger))
                {
                    ledgers[$"{sku}/{warehouseId}"] = ledger = await client.LedgerAsync(sku, warehouseId);
                }

                foreach (var entry in ledger.Where(e => e.TryGetProperty("movementId", out var id) && (id.GetString() ?? "").Contains($":{orderId}:", StringComparison.Ordinal)))
                {
                    evidence.Append("\n    ").Append(entry);
                }
            }
            catch (Exception error)
            {
                // Evidence is a courtesy to whoever reads the failure: it must never replace the failure itself.
                evidence.Append("\n--- order ").Append(orderId).Append(": evidence unavailable: ").Append(error.Message);
            }
        }

        return evidence.ToString();
    }
}
