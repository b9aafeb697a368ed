using System.Collections.Concurrent;
using Quartermaster.Grains.Abstractions.Tenants;

namespace Quartermaster.ApiFrontend.Settings;

/// <summary>
/// Tenant settings on the hot path (hold and order TTLs) without a tenant grain call per request; a
/// change reaches every frontend within <see cref="Freshness"/>.
/// </summary>
public sealed class TenantSettingsCache(IGrainFactory grains, TimeProvider clock)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (TenantView? View, DateTimeOffset Until)> _tenants = new(StringComparer.Ordinal);

    public async Task<TenantView?> GetTenantAsync(string tenantId, bool fresh = false)
    {
        var now = clock.GetUtcNow();
        if (!fresh && _tenants.TryGetValue(tenantId, out var cached) && cached.Until > now)
        {
            return cached.View;
        }

        var view = await grains.GetGrain<ITenantGrain>(tenantId).Get();
        _tenants[tenantId] = (view, now + Freshness);
        return view;
    }

    public async Task<TenantSettings> GetSettingsAsync(string tenantId) =>
        (await GetTenantAsync(tenantId))?.Settings ?? TenantSettings.Default;

    public void Forget(string tenantId) => _tenants.TryRemove(tenantId, out _);
}
