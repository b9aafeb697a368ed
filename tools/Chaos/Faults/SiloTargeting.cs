using System.Security.Cryptography;
using System.Text;
using Quartermaster.Chaos.Cluster;
using Quartermaster.Chaos.Load;

namespace Quartermaster.Chaos.Faults;

/// <summary>
/// Chooses the silo a fault hits from where grains live: a tenant's own grains are its tenant, catalog and
/// order-index grains (keyed by the tenant id), its API key's grain and its stock items. Orders and
/// idempotency records are left out: new ones are placed on any silo the cluster believes alive.
/// </summary>
internal static class SiloTargeting
{
    public static IReadOnlySet<int> SilosOf(ChaosTenant tenant, IReadOnlyList<PlacedGrain> grains)
    {
        var keyLookup = KeyLookup(tenant);
        return grains.Where(g => g.Key == tenant.TenantId || g.Key == keyLookup ||
                (g.Type.Contains("stock", StringComparison.OrdinalIgnoreCase) && g.Key.StartsWith(tenant.TenantId + "/", StringComparison.Ordinal)))
            .Select(g => g.Silo).ToHashSet();
    }

    /// <summary>The API key grain's id for the tenant's key (GrainKeys.ApiKeyLookup: the first 16 hex digits of its SHA-256).</summary>
    private static string KeyLookup(ChaosTenant tenant) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(tenant.Key)))[..16];

    /// <summary>The silo hosting most probes; ties go to the one that leaves most tenants untouched.</summary>
    public static int ForProbes(IReadOnlyList<ExpiryProbe> probes, IReadOnlyList<ChaosTenant> tenants, IReadOnlyList<PlacedGrain> grains, int silos) =>
        Enumerable.Range(1, silos)
            .OrderByDescending(s => probes.Count(p => p.Silo == s))
            .ThenByDescending(s => TenantsElsewhere(s, tenants, grains).Count)
            .First();

    /// <summary>The silo that leaves most tenants untouched; ties go to the one hosting most probes.</summary>
    public static int ForIsolation(IReadOnlyList<ExpiryProbe> probes, IReadOnlyList<ChaosTenant> tenants, IReadOnlyList<PlacedGrain> grains, int silos) =>
        Enumerable.Range(1, silos)
            .OrderByDescending(s => TenantsElsewhere(s, tenants, grains).Count)
            .ThenByDescending(s => probes.Count(p => p.Silo == s))
            .First();

    public static IReadOnlySet<string> TenantsElsewhere(int silo, IReadOnlyList<ChaosTenant> tenants, IReadOnlyList<PlacedGrain> grains) =>
        tenants.Where(t => !SilosOf(t, grains).Contains(silo)).Select(t => t.TenantId).ToHashSet();

    public static IReadOnlySet<string> StockItemsElsewhere(int silo, IReadOnlyList<ChaosTenant> tenants, IReadOnlyList<PlacedGrain> grains)
    {
        var onSilo = grains.Where(g => g.Silo == silo).Select(g => g.Key).ToHashSet();
        return tenants
            .Where(t => !onSilo.Contains(t.TenantId) && !onSilo.Contains(KeyLookup(t)))
            .SelectMany(t => t.Skus.Where(sku => !onSilo.Contains($"{t.TenantId}/{sku}/{ChaosTenant.Warehouse}")).Select(sku => $"{t.TenantId}/{sku}"))
            .ToHashSet();
    }

    public static void Locate(IEnumerable<ExpiryProbe> probes, IReadOnlyList<PlacedGrain> grains)
    {
        var byKey = grains.GroupBy(g => g.Key).ToDictionary(g => g.Key, g => g.First().Silo);
        foreach (var probe in probes)
        {
            probe.Silo = byKey.TryGetValue(probe.GrainKey, out var silo) ? silo : null;
        }
    }
}
