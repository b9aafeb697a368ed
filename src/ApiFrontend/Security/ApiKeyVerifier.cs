using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Quartermaster.ApiFrontend.Hosting;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Tenants;

namespace Quartermaster.ApiFrontend.Security;

/// <summary>
/// Who a presented key belongs to: an admin, a tenant, or nobody. Cheap for garbage: a token not of the key
/// format is refused outright, a well-formed key whose look-up id was never issued is refused from the
/// frontend's copy of the key directory, and a recently refused key from a bounded negative cache; only
/// issued keys reach their grain. Tenant answers are cached (LRU, bounded) for a couple of seconds, which
/// bounds how long a revoked key keeps working.
/// </summary>
internal sealed class ApiKeyVerifier(
    IGrainFactory grains, IssuedKeyDirectory directory, IOptionsMonitor<QuartermasterOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan RefusalLifetime = TimeSpan.FromSeconds(30);

    private readonly BoundedCache<(ApiKeyIdentity Identity, DateTimeOffset Until)> _verified = new(options.CurrentValue.ApiKeyCacheCapacity);
    private readonly BoundedCache<DateTimeOffset> _refused = new(options.CurrentValue.ApiKeyCacheCapacity / 10 + 1);

    public bool IsAdmin(string key)
    {
        var presented = Encoding.UTF8.GetBytes(key);
        return options.CurrentValue.AdminKeys.Any(k => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(k), presented));
    }

    public async Task<ApiKeyIdentity?> FindTenantAsync(string key, CancellationToken cancellationToken)
    {
        if (!ApiKeyFormat.IsWellFormed(key))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        // The full hash identifies the key in the caches; the look-up id (a prefix of the same hash) only on a miss.
        var cacheKey = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        if (_verified.TryGet(cacheKey, out var cached) && cached.Until > now)
        {
            return cached.Identity;
        }

        if (_refused.TryGet(cacheKey, out var refusedUntil) && refusedUntil > now)
        {
            return null;
        }

        var lookupId = GrainKeys.ApiKeyLookup(key);
        var identity = await directory.MayExistAsync(lookupId, cancellationToken)
            ? await grains.GetGrain<IApiKeyGrain>(lookupId).Verify(key)
            : null;
        if (identity is null)
        {
            _verified.Remove(cacheKey);
            _refused.Set(cacheKey, now + RefusalLifetime);
        }
        else
        {
            _verified.Set(cacheKey, (identity, now.AddSeconds(options.CurrentValue.ApiKeyCacheSeconds)));
        }

        return identity;
    }
}
