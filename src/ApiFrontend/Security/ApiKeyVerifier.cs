using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Quartermaster.ApiFrontend.Hosting;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Tenants;

namespace Quartermaster.ApiFrontend.Security;

/// <summary>
/// Who a presented key belongs to: an admin, a tenant, or nobody. Tenant answers are cached for a couple of
/// seconds per frontend, which bounds how long a revoked key keeps working.
/// </summary>
internal sealed class ApiKeyVerifier(IGrainFactory grains, IOptionsMonitor<QuartermasterOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (ApiKeyIdentity? Identity, DateTimeOffset Until)> _cache = new();

    public bool IsAdmin(string key)
    {
        var presented = Encoding.UTF8.GetBytes(key);
        return options.CurrentValue.AdminKeys.Any(k => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(k), presented));
    }

    public async Task<ApiKeyIdentity?> FindTenantAsync(string key)
    {
        var now = clock.GetUtcNow();
        // The full hash identifies the key in the cache; the look-up id (a prefix of the same hash) only on a miss.
        var cacheKey = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        if (_cache.TryGetValue(cacheKey, out var cached) && cached.Until > now)
        {
            return cached.Identity;
        }

        var identity = await grains.GetGrain<IApiKeyGrain>(GrainKeys.ApiKeyLookup(key)).Verify(key);
        _cache[cacheKey] = (identity, now.AddSeconds(options.CurrentValue.ApiKeyCacheSeconds));
        if (_cache.Count > 100_000)
        {
            _cache.Clear();
        }

        return identity;
    }
}
