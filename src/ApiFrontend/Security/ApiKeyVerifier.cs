using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Quartermaster.ApiFrontend.Hosting;
using Quartermaster.ApiFrontend.Resilience;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Tenants;

namespace Quartermaster.ApiFrontend.Security;

/// <summary>
/// Who a presented key belongs to: an admin, a tenant, or nobody. Cheap for garbage: a token not of the key
/// format is refused outright, a well-formed key whose look-up id was never issued is refused from the
/// frontend's copy of the key directory, and a recently refused key from a bounded negative cache; only
/// issued keys reach their grain. Tenant answers are cached (LRU, bounded) for a couple of seconds.
/// Stale-if-error: when a key's grain does not answer (its silo frozen or gone), a key this frontend verified
/// within <see cref="StaleIfError.Bound"/> keeps working, unless the revoked-key list names it or that list
/// itself has not been read for too long (<see cref="RevokedKeyFeed"/>), so a revocation still takes effect
/// within seconds everywhere.
/// </summary>
internal sealed partial class ApiKeyVerifier(
    IGrainFactory grains,
    IssuedKeyDirectory directory,
    RevokedKeyFeed revocations,
    IOptionsMonitor<QuartermasterOptions> options,
    TimeProvider clock,
    ILogger<ApiKeyVerifier> logger)
{
    private static readonly TimeSpan RefusalLifetime = TimeSpan.FromSeconds(30);

    private readonly BoundedCache<VerifiedKey> _verified = new(options.CurrentValue.ApiKeyCacheCapacity);
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
        var cached = _verified.TryGet(cacheKey, out var entry) ? entry : null;
        if (cached is not null && revocations.IsRevoked(cached.Identity.KeyId))
        {
            Refuse(cacheKey, now);
            return null;
        }

        if (cached is not null && cached.RecheckAt > now)
        {
            return cached.Identity;
        }

        if (_refused.TryGet(cacheKey, out var refusedUntil) && refusedUntil > now)
        {
            return null;
        }

        var standIn = cached is not null && cached.VerifiedAt + StaleIfError.Bound > now ? cached : null;
        ApiKeyIdentity? identity;
        try
        {
            var lookup = LookUpAsync(key, cancellationToken);
            identity = standIn is null ? await lookup : await StaleIfError.WithPatience(lookup, clock, cancellationToken);
        }
        catch (Exception error) when (standIn is not null && StaleIfError.IsUnreachable(error, cancellationToken)
                                      && revocations.VouchesForCachedKeys && !revocations.IsRevoked(standIn.Identity.KeyId))
        {
            LogServedFromCache(standIn.Identity.KeyId, standIn.VerifiedAt, error.GetType().Name);
            _verified.Set(cacheKey, standIn with { RecheckAt = now + StaleIfError.Recheck });
            return standIn.Identity;
        }

        if (identity is null)
        {
            Refuse(cacheKey, now);
        }
        else
        {
            _verified.Set(cacheKey, new VerifiedKey(identity, now, now.AddSeconds(options.CurrentValue.ApiKeyCacheSeconds)));
        }

        return identity;
    }

    private async Task<ApiKeyIdentity?> LookUpAsync(string key, CancellationToken cancellationToken)
    {
        var lookupId = GrainKeys.ApiKeyLookup(key);
        return await directory.MayExistAsync(lookupId, cancellationToken)
            ? await grains.GetGrain<IApiKeyGrain>(lookupId).Verify(key)
            : null;
    }

    private void Refuse(string cacheKey, DateTimeOffset now)
    {
        _verified.Remove(cacheKey);
        _refused.Set(cacheKey, now + RefusalLifetime);
    }

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning,
        Message = "Key {KeyId} served from this frontend's cache (verified {VerifiedAt:O}): its grain did not answer ({Error})")]
    private partial void LogServedFromCache(string keyId, DateTimeOffset verifiedAt, string error);

    /// <summary>A key verified by its grain at <c>VerifiedAt</c>, trusted without asking again until <c>RecheckAt</c>.</summary>
    private sealed record VerifiedKey(ApiKeyIdentity Identity, DateTimeOffset VerifiedAt, DateTimeOffset RecheckAt);
}
