using Quartermaster.Chaos.Load;

namespace Quartermaster.Chaos.Faults;

/// <summary>
/// Places holds and orders with the shortest lifetime (10 s) in the probe tenant just before a fault aimed at
/// a silo, so they fall due while the silo is dead or frozen.
/// </summary>
internal sealed class ExpiryProbes(ChaosTenant tenant, RetryingClient client)
{
    public const int LifetimeSeconds = 10;
    private const int HoldsPerFault = 6;

    public string TenantId => tenant.TenantId;

    public async Task<List<ExpiryProbe>> PlaceAsync(string label)
    {
        var probes = new List<ExpiryProbe>();
        for (var i = 0; i < tenant.Skus.Count; i++)
        {
            var sku = tenant.Skus[i];
            var id = $"probe-{label}-{i}";
            var stockKey = $"{tenant.TenantId}/{sku}/{ChaosTenant.Warehouse}";
            if (i < HoldsPerFault)
            {
                var answer = await client.SendAsync(ApiRequest.Post($"/api/v1/stock/{sku}/{ChaosTenant.Warehouse}/holds", "POST /stock/{sku}/{warehouseId}/holds",
                    new { holdId = id, quantity = 1, ttlSeconds = LifetimeSeconds }, "key-" + id), 0);
                if (answer is { Ok: true })
                {
                    probes.Add(new ExpiryProbe("hold", id, sku, answer.Body.GetProperty("expiresAt").GetDateTimeOffset(), stockKey));
                }
            }
            else
            {
                var body = new { orderId = id, lines = new[] { new { sku, warehouseId = ChaosTenant.Warehouse, quantity = 1 } } };
                var answer = await client.SendAsync(ApiRequest.Post("/api/v1/orders", "POST /orders", body, "key-" + id), 0);
                if (answer is { Ok: true })
                {
                    probes.Add(new ExpiryProbe("order", id, sku, answer.Body.GetProperty("expiresAt").GetDateTimeOffset(), $"{tenant.TenantId}/{id}"));
                }
            }
        }

        return probes;
    }
}
