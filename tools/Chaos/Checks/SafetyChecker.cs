using System.Text.Json;
using Quartermaster.Chaos.Load;

namespace Quartermaster.Chaos.Checks;

/// <summary>
/// The checks after the load stopped, per tenant: the service's invariant checker; every stock item's ledger
/// replayed; every acknowledged receipt, hold and order found exactly once (an order's holds are its
/// "order:{orderId}:..." ledger entries, which must net to its quantity per line while it is live).
/// </summary>
internal sealed class SafetyChecker(string frontend, string adminKey)
{
    private static readonly TimeSpan InvariantPatience = TimeSpan.FromSeconds(150);

    public async Task<SafetyReport> CheckAsync(IReadOnlyList<ChaosTenant> tenants, Acknowledged acknowledged)
    {
        var report = new SafetyReport();
        foreach (var tenant in tenants)
        {
            report.TenantsChecked++;
            await CheckInvariantsAsync(tenant, report);
            using var client = new CheckClient(frontend, tenant.Key);
            await CheckSettingsAsync(client, tenant, report);
            var ledgers = new Dictionary<string, List<JsonElement>>();
            foreach (var sku in tenant.Skus)
            {
                ledgers[sku] = await ReplayAsync(client, tenant, sku, report);
            }

            CheckReceipts(acknowledged.Receipts.Where(r => r.Tenant == tenant.TenantId), ledgers, report);
            CheckHolds(acknowledged.Holds.Where(h => h.Tenant == tenant.TenantId), ledgers, report);
            await CheckOrdersAsync(client, acknowledged.Orders.Where(o => o.Tenant == tenant.TenantId), ledgers, report);
        }

        return report;
    }

    /// <summary>
    /// A tenant's settings are its own after the faults: a silo that reloaded many tenants at once once gave them
    /// all the settings of the last one it read.
    /// </summary>
    private static async Task CheckSettingsAsync(CheckClient client, ChaosTenant tenant, SafetyReport report)
    {
        var settings = await client.GetAsync("/api/v1/settings")
            ?? throw new InvalidOperationException($"settings of {tenant.TenantId} not found");
        var ttl = settings.GetProperty("reservationTtlSeconds").GetInt32();
        if (ttl == tenant.ReservationTtlSeconds)
        {
            report.SettingsIntact++;
        }
        else
        {
            report.Violations.Add($"{tenant.TenantId}: settings say reservationTtlSeconds {ttl}, it was created with {tenant.ReservationTtlSeconds}");
        }
    }

    /// <summary>An order interrupted by a crash holds stock until the order sweep undoes it, so the checker is given time.</summary>
    private async Task CheckInvariantsAsync(ChaosTenant tenant, SafetyReport report)
    {
        using var admin = new CheckClient(frontend, adminKey);
        var deadline = RunClock.Now + InvariantPatience.TotalSeconds;
        while (true)
        {
            var result = await admin.GetAsync($"/api/v1/admin/tenants/{tenant.TenantId}/invariants");
            if (result is { } found && found.GetProperty("ok").GetBoolean())
            {
                report.InvariantReportsClean++;
                return;
            }

            if (RunClock.Now > deadline)
            {
                report.Violations.Add($"{tenant.TenantId}: the invariant checker still reports {result?.ToString() ?? "no tenant"}");
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    /// <summary>Expiry and sweeps may still move an item between its ledger read and its level read: a mismatch is read again.</summary>
    private static async Task<List<JsonElement>> ReplayAsync(CheckClient client, ChaosTenant tenant, string sku, SafetyReport report)
    {
        var item = $"{tenant.TenantId}/{sku}/{ChaosTenant.Warehouse}";
        List<string> violations = [];
        List<JsonElement> ledger = [];
        for (var attempt = 0; attempt < 3; attempt++)
        {
            ledger = await client.LedgerAsync(sku, ChaosTenant.Warehouse);
            var stock = await client.GetAsync($"/api/v1/stock/{sku}/{ChaosTenant.Warehouse}")
                ?? throw new InvalidOperationException($"stock item {item} not found");
            violations = LedgerReplay.Check(item, ledger, stock).ToList();
            if (violations.Count == 0)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        report.ItemsReplayed++;
        report.EntriesReplayed += ledger.Count;
        report.Violations.AddRange(violations);
        return ledger;
    }

    private static int Count(IReadOnlyList<JsonElement> ledger, string movementId, string type) =>
        ledger.Count(e => e.GetProperty("movementId").GetString() == movementId && LedgerReplay.Normalised(e.GetProperty("type").GetString()) == type);

    private static void CheckReceipts(IEnumerable<AckedReceipt> receipts, Dictionary<string, List<JsonElement>> ledgers, SafetyReport report)
    {
        foreach (var receipt in receipts)
        {
            var found = Count(ledgers[receipt.Sku], receipt.MovementId, "receipt");
            if (found == 1)
            {
                report.ReceiptsFound++;
            }
            else
            {
                report.Violations.Add($"{receipt.Tenant}: acknowledged receipt {receipt.MovementId} on {receipt.Sku} is in the ledger {found} times");
            }
        }
    }

    private static void CheckHolds(IEnumerable<AckedHold> holds, Dictionary<string, List<JsonElement>> ledgers, SafetyReport report)
    {
        foreach (var hold in holds)
        {
            var ledger = ledgers[hold.Sku];
            var (placed, released) = (Count(ledger, hold.HoldId, "hold"), Count(ledger, hold.HoldId, "release"));
            if (placed != 1 || released > 1 || (hold.Released && released != 1))
            {
                report.Violations.Add($"{hold.Tenant}: acknowledged hold {hold.HoldId} on {hold.Sku} is placed {placed} times and released {released} times" +
                    (hold.Released ? " (its release was acknowledged)" : ""));
            }
            else
            {
                report.HoldsFound++;
            }
        }
    }

    private static async Task CheckOrdersAsync(CheckClient client, IEnumerable<AckedOrder> orders, Dictionary<string, List<JsonElement>> ledgers, SafetyReport report)
    {
        foreach (var order in orders)
        {
            if (await client.GetAsync($"/api/v1/orders/{order.OrderId}") is not { } found)
            {
                report.Violations.Add($"{order.Tenant}: acknowledged order {order.OrderId} is not found");
                continue;
            }

            var status = found.GetProperty("status").GetString();
            var expected = order.Confirmed ? ["confirmed"] : new[] { "reserved", "confirmed" };
            if (!expected.Contains(status))
            {
                report.Violations.Add($"{order.Tenant}: order {order.OrderId} is {status}, expected {string.Join(" or ", expected)}");
                continue;
            }

            var wrongLines = order.Lines.GroupBy(l => l.Sku)
                .Select(line => (Sku: line.Key, Wanted: line.Sum(l => l.Quantity), Held: NetHeld(ledgers[line.Key], order.OrderId)))
                .Where(line => line.Held != line.Wanted)
                .ToList();
            if (wrongLines.Count == 0)
            {
                report.OrdersFound++;
            }

            report.Violations.AddRange(wrongLines.Select(l => $"{order.Tenant}: order {order.OrderId} holds {l.Held} of {l.Wanted} on {l.Sku}"));
        }
    }

    private static long NetHeld(IReadOnlyList<JsonElement> ledger, string orderId) => ledger
        .Where(e => e.GetProperty("movementId").GetString()!.StartsWith($"order:{orderId}:", StringComparison.Ordinal))
        .Sum(e => LedgerReplay.Normalised(e.GetProperty("type").GetString()) switch
        {
            "hold" => e.GetProperty("quantity").GetInt64(),
            "release" or "expire" or "commit" => -e.GetProperty("quantity").GetInt64(),
            _ => 0,
        });
}
