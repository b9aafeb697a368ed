using Quartermaster.Chaos.Faults;

namespace Quartermaster.Chaos.Checks;

/// <summary>How long after its expiresAt each probe was expired (by the service's own clock); null if it was not.</summary>
internal static class ExpiryCheck
{
    public static async Task<Dictionary<ExpiryProbe, double?>> MeasureAsync(CheckClient client, IEnumerable<ExpiryProbe> probes)
    {
        var lateness = new Dictionary<ExpiryProbe, double?>();
        foreach (var probe in probes)
        {
            DateTimeOffset? expiredAt = null;
            if (probe.Kind == "hold")
            {
                var ledger = await client.LedgerAsync(probe.Sku, Load.ChaosTenant.Warehouse);
                expiredAt = ledger.Where(e => e.GetProperty("movementId").GetString() == probe.Id && LedgerReplay.Normalised(e.GetProperty("type").GetString()) == "expire")
                    .Select(e => (DateTimeOffset?)e.GetProperty("at").GetDateTimeOffset()).FirstOrDefault();
            }
            else if (await client.GetAsync($"/api/v1/orders/{probe.Id}") is { } order)
            {
                expiredAt = order.GetProperty("history").EnumerateArray()
                    .Where(h => h.GetProperty("status").GetString() == "expired")
                    .Select(h => (DateTimeOffset?)h.GetProperty("at").GetDateTimeOffset()).FirstOrDefault();
            }

            lateness[probe] = expiredAt is { } at ? (at - probe.ExpiresAt).TotalSeconds : null;
        }

        return lateness;
    }
}
