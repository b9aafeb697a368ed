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

    /// <summary>Applies the change to the settings as they are now, in one turn: concurrent changes merge.</summary>
    [Alias("UpdateSettings")]
    Task<Outcome<TenantView>> UpdateSettings(SettingsChange change, long? expectedVersion);

    /// <param name="presetKey">A key chosen by the operator (the development demo key); null for a random one.</param>
    [Alias("CreateApiKey")]
    Task<Outcome<CreatedApiKey>> CreateApiKey(string? name, string? presetKey);

    [Alias("RevokeApiKey")]
    Task<Outcome<ApiKeyInfo>> RevokeApiKey(string keyId);

    [Alias("ListApiKeys")]
    Task<IReadOnlyList<ApiKeyInfo>> ListApiKeys();
}
