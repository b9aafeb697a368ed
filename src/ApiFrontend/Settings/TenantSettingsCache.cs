using System.Collections.Concurrent;
using Quartermaster.ApiFrontend.Resilience;
using Quartermaster.Grains.Abstractions.Tenants;

namespace Quartermaster.ApiFrontend.Settings;

/// <summary>
/// Tenant settings on the hot path (hold and order TTLs, rate limits) without a tenant grain call per
/// request; a change reaches every frontend within <see cref="Freshness"/>. Stale-if-error: when the tenant
/// grain does not answer (its silo frozen or gone), the copy read within <see cref="StaleIfError.Bound"/> is
/// used, so one silo's trouble does not take down tenants whose stock and orders live elsewhere.
/// </summary>
public sealed partial class TenantSettingsCache(IGrainFactory grains, TimeProvider clock, ILogger<TenantSettingsCache> logger)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, CachedTenant> _tenants = new(StringComparer.Ordinal);

    /// <summary>The tenant as its grain last told; <paramref name="fresh"/> asks the grain and never falls back.</summary>
    public async Task<TenantView?> GetTenantAsync(string tenantId, bool fresh = false)
    {
        var now = clock.GetUtcNow();
        var cached = _tenants.TryGetValue(tenantId, out var entry) ? entry : null;
        if (!fresh && cached is not null && cached.RecheckAt > now)
        {
            return cached.View;
        }

        var standIn = !fresh && cached is not null && cached.ReadAt + StaleIfError.Bound > now ? cached : null;
        TenantView? view;
        try
        {
            var read = grains.GetGrain<ITenantGrain>(tenantId).Get();
            view = standIn is null ? await read : await StaleIfError.WithPatience(read, clock, CancellationToken.None);
        }
        catch (Exception error) when (standIn is not null && StaleIfError.IsUnreachable(error, CancellationToken.None))
        {
            LogServedFromCache(tenantId, standIn.ReadAt, error.GetType().Name);
            _tenants[tenantId] = standIn with { RecheckAt = now + StaleIfError.Recheck };
            return standIn.View;
        }

        _tenants[tenantId] = new CachedTenant(view, now, now + Freshness);
        return view;
    }

    public async Task<TenantSettings> GetSettingsAsync(string tenantId) =>
        (await GetTenantAsync(tenantId))?.Settings ?? TenantSettings.Default;

    public void Forget(string tenantId) => _tenants.TryRemove(tenantId, out _);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Warning,
        Message = "Settings of tenant {TenantId} served from this frontend's cache (read {ReadAt:O}): its grain did not answer ({Error})")]
    private partial void LogServedFromCache(string tenantId, DateTimeOffset readAt, string error);

    private sealed record CachedTenant(TenantView? View, DateTimeOffset ReadAt, DateTimeOffset RecheckAt);
}
