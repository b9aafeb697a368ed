using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Tenants;
using Quartermaster.Grains.Hosting;
using Quartermaster.Grains.Stock.LowStock;

namespace Quartermaster.Grains.Tenants;

public sealed class TenantGrain(
    [PersistentState(StateNames.Tenant, StorageNames.Business)] IPersistentState<TenantState> state,
    [FromKeyedServices(ClockNames.Business)] TimeProvider clock,
    ThresholdBroadcast thresholds)
    : Grain, ITenantGrain
{
    private string TenantId => this.GetPrimaryKeyString();

    /// <summary>Keys issued before the directory existed become known to it once their tenant is active again.</summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.ApiKeys.Count > 0)
        {
            await GrainFactory.GetGrain<IApiKeyDirectoryGrain>(IApiKeyDirectoryGrain.Key)
                .Add(state.State.ApiKeys.Select(k => k.LookupId).ToList());
        }
    }

    public async Task<Outcome<Upserted<TenantView>>> Create(string name, TenantSettings? settings)
    {
        var wanted = settings ?? TenantSettings.Default;
        if (state.State.Exists)
        {
            return state.State.Name == name && state.State.Settings == wanted
                ? Outcome<Upserted<TenantView>>.Ok(new(View(), Created: true))
                : Failure.Conflict($"Tenant '{TenantId}' already exists with other content.");
        }

        state.State.Name = name;
        state.State.Settings = wanted;
        state.State.RateLimitPerSecondCeiling = wanted.RateLimitPerSecond;
        state.State.RateLimitBurstCeiling = wanted.RateLimitBurst;
        state.State.CreatedAt = clock.GetUtcNow();
        state.State.Version = 1;
        await state.WriteOrDropAsync(this);
        if (wanted.LowStockThreshold != TenantSettings.Default.LowStockThreshold)
        {
            // Silos may have read the tenant before it existed, as having the default.
            await thresholds.TellAsync(TenantId, wanted.LowStockThreshold, state.State.Version);
        }
        return Outcome<Upserted<TenantView>>.Ok(new(View(), Created: true));
    }

    public Task<TenantView?> Get() => Task.FromResult(state.State.Exists ? View() : null);

    public async Task<Outcome<TenantView>> UpdateSettings(SettingsChange change, VersionMatch? expectedVersion)
    {
        if (!state.State.Exists)
        {
            return Failure.NotFound($"Tenant '{TenantId}' does not exist.");
        }

        if (IfMatch.Check(state.State.Version, expectedVersion, $"Tenant '{TenantId}'") is { } stale)
        {
            return stale;
        }

        var perSecondCeiling = state.State.RateLimitPerSecondCeiling ?? state.State.Settings.RateLimitPerSecond;
        var burstCeiling = state.State.RateLimitBurstCeiling ?? state.State.Settings.RateLimitBurst;
        var aboveCeilings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (change.RateLimitPerSecond > perSecondCeiling)
        {
            aboveCeilings["rateLimitPerSecond"] = $"At most {perSecondCeiling}, the limit the operator set for this tenant.";
        }

        if (change.RateLimitBurst > burstCeiling)
        {
            aboveCeilings["rateLimitBurst"] = $"At most {burstCeiling}, the limit the operator set for this tenant.";
        }

        if (Failure.Invalid(aboveCeilings) is { } refused)
        {
            return refused;
        }

        return await ApplyAsync(state.State.Name!, change.ApplyTo(state.State.Settings), ceilingsChanged: false);
    }

    public async Task<Outcome<TenantView>> Administer(TenantChange change, VersionMatch? expectedVersion)
    {
        if (!state.State.Exists)
        {
            return Failure.NotFound($"Tenant '{TenantId}' does not exist.");
        }

        if (IfMatch.Check(state.State.Version, expectedVersion, $"Tenant '{TenantId}'") is { } stale)
        {
            return stale;
        }

        var settings = change.Settings?.ApplyTo(state.State.Settings) ?? state.State.Settings;
        var perSecondCeiling = change.Settings?.RateLimitPerSecond ?? state.State.RateLimitPerSecondCeiling;
        var burstCeiling = change.Settings?.RateLimitBurst ?? state.State.RateLimitBurstCeiling;
        var ceilingsChanged = perSecondCeiling != state.State.RateLimitPerSecondCeiling || burstCeiling != state.State.RateLimitBurstCeiling;
        state.State.RateLimitPerSecondCeiling = perSecondCeiling;
        state.State.RateLimitBurstCeiling = burstCeiling;
        return await ApplyAsync(change.Name ?? state.State.Name!, settings, ceilingsChanged);
    }

    private async Task<TenantView> ApplyAsync(string name, TenantSettings settings, bool ceilingsChanged)
    {
        if (ceilingsChanged || settings != state.State.Settings || name != state.State.Name)
        {
            var previousThreshold = state.State.Settings.LowStockThreshold;
            state.State.Name = name;
            state.State.Settings = settings;
            state.State.Version++;
            await state.WriteOrDropAsync(this);
            if (settings.LowStockThreshold != previousThreshold)
            {
                await thresholds.TellAsync(TenantId, settings.LowStockThreshold, state.State.Version);
                // Once the silos know the new threshold: the items it moved across record their crossings.
                await GrainFactory.GetGrain<IThresholdRecheckGrain>(TenantId).Recheck(previousThreshold, settings.LowStockThreshold, state.State.Version);
            }
        }

        return View();
    }

    public async Task<Outcome<CreatedApiKey>> CreateApiKey(string? name, string? presetKey)
    {
        if (!state.State.Exists)
        {
            return Failure.NotFound($"Tenant '{TenantId}' does not exist.");
        }

        var key = presetKey ?? ApiKeySecrets.NewKey();
        var record = new ApiKeyRecord
        {
            KeyId = ApiKeySecrets.NewKeyId(),
            LookupId = GrainKeys.ApiKeyLookup(key),
            Name = name,
            CreatedAt = clock.GetUtcNow(),
        };

        // Registered for look-up before it is listed: a failure in between leaves a hash nobody holds the key to.
        // The directory first, so a frontend never refuses a key whose grain already knows it.
        await GrainFactory.GetGrain<IApiKeyDirectoryGrain>(IApiKeyDirectoryGrain.Key).Add([record.LookupId]);
        await GrainFactory.GetGrain<IApiKeyGrain>(record.LookupId).Register(TenantId, record.KeyId, key);
        state.State.ApiKeys.Add(record);
        await state.WriteOrDropAsync(this);
        return new CreatedApiKey(record.KeyId, key, name, record.CreatedAt);
    }

    public async Task<Outcome<ApiKeyInfo>> RevokeApiKey(string keyId)
    {
        var record = state.State.ApiKeys.FirstOrDefault(k => k.KeyId == keyId);
        if (record is null)
        {
            return Failure.NotFound($"API key '{keyId}' does not exist.");
        }

        // The key's own grain first (it answers every fresh look-up), then the directory's revocation list, which
        // frontends poll: a frontend serving this key from its cache while the key's grain is unreachable stops
        // within seconds. Only then is the revocation acknowledged; a failure in between is retried by the client.
        await GrainFactory.GetGrain<IApiKeyGrain>(record.LookupId).Revoke(keyId);
        await GrainFactory.GetGrain<IApiKeyDirectoryGrain>(IApiKeyDirectoryGrain.Key).Revoke(keyId);
        if (record.RevokedAt is null)
        {
            record.RevokedAt = clock.GetUtcNow();
            await state.WriteOrDropAsync(this);
        }

        return record.ToInfo();
    }

    public Task<IReadOnlyList<ApiKeyInfo>> ListApiKeys() =>
        Task.FromResult<IReadOnlyList<ApiKeyInfo>>(state.State.ApiKeys.Select(k => k.ToInfo()).ToList());

    private TenantView View() =>
        new(TenantId, state.State.Name!, state.State.Settings, state.State.CreatedAt, state.State.Version);
}
