namespace Quartermaster.Grains.Abstractions.Tenants;

/// <summary>
/// Looks up a presented API key. Key: the lookup id of the key (a short prefix of its SHA-256), so a
/// frontend finds the right grain from the key alone while the grain stores only salted hashes.
/// </summary>
[Alias("qm.IApiKeyGrain")]
public interface IApiKeyGrain : IGrainWithStringKey
{
    [Alias("Register")]
    Task Register(string tenantId, string keyId, string key);

    [Alias("Revoke")]
    Task Revoke(string keyId);

    [Alias("Verify")]
    Task<ApiKeyIdentity?> Verify(string key);
}
