using Quartermaster.Grains.Abstractions.Common;

namespace Quartermaster.Grains.Abstractions.Tenants;

/// <summary>One tenant: its name, settings and the ids of its API keys. Key: tenantId.</summary>
[Alias("qm.ITenantGrain")]
public interface ITenantGrain : IGrainWithStringKey
{
    [Alias("Create")]
    Task<Outcome<Upserted<TenantView>>> Create(string name, TenantSettings? settings);

    [Alias("Get")]
    Task<TenantView?> Get();

    /// <summary>
    /// The tenant's own change to its settings, applied to the settings as they are now, in one turn (concurrent
    /// changes merge). Rate limits may only go down to or stay at the operator's ceiling.
    /// </summary>
    [Alias("UpdateSettings")]
    Task<Outcome<TenantView>> UpdateSettings(SettingsChange change, VersionMatch? expectedVersion);

    /// <summary>The operator's change: name and settings; the rate limits it sets become the tenant's ceilings.</summary>
    [Alias("Administer")]
    Task<Outcome<TenantView>> Administer(TenantChange change, VersionMatch? expectedVersion);

    /// <param name="presetKey">A key chosen by the operator (the development demo key); null for a random one.</param>
    [Alias("CreateApiKey")]
    Task<Outcome<CreatedApiKey>> CreateApiKey(string? name, string? presetKey);

    [Alias("RevokeApiKey")]
    Task<Outcome<ApiKeyInfo>> RevokeApiKey(string keyId);

    [Alias("ListApiKeys")]
    Task<IReadOnlyList<ApiKeyInfo>> ListApiKeys();
}
