using Quartermaster.Grains.Abstractions.Tenants;
using Quartermaster.Grains.Hosting;

namespace Quartermaster.Grains.Tenants;

public sealed class ApiKeyGrain(
    [PersistentState(StateNames.ApiKeys, StorageNames.Business)] IPersistentState<ApiKeyLookupState> state)
    : Grain, IApiKeyGrain
{
    public async Task Register(string tenantId, string keyId, string key)
    {
        if (state.State.Keys.Any(k => k.KeyId == keyId))
        {
            return;
        }

        var salt = ApiKeySecrets.NewSalt();
        state.State.Keys.Add(new StoredApiKey { TenantId = tenantId, KeyId = keyId, Salt = salt, Hash = ApiKeySecrets.Hash(salt, key) });
        await state.WriteOrDropAsync(this);
    }

    public async Task Revoke(string keyId)
    {
        var stored = state.State.Keys.FirstOrDefault(k => k.KeyId == keyId);
        if (stored is null || stored.Revoked)
        {
            return;
        }

        stored.Revoked = true;
        await state.WriteOrDropAsync(this);
    }

    public Task<ApiKeyIdentity?> Verify(string key)
    {
        var match = state.State.Keys.FirstOrDefault(k => !k.Revoked && ApiKeySecrets.Matches(k.Salt, k.Hash, key));
        return Task.FromResult(match is null ? null : new ApiKeyIdentity(match.TenantId, match.KeyId));
    }
}
