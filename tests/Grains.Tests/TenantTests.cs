using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Tenants;
using Quartermaster.Grains.Tests.Infrastructure;

namespace Quartermaster.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class TenantTests(ClusterFixture fixture)
{
    private ITenantGrain NewTenant(out string tenantId)
    {
        tenantId = TestTenant.NewId("t");
        return fixture.Grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(tenantId));
    }

    private Task<ApiKeyIdentity?> VerifyAsync(string key) =>
        fixture.Grains.GetGrain<IApiKeyGrain>(GrainKeys.ApiKeyLookup(key)).Verify(key);

    [Fact]
    public async Task Create_is_idempotent_for_the_same_content_and_conflicts_otherwise()
    {
        var tenant = NewTenant(out var tenantId);
        var settings = TenantSettings.Default with { ReservationTtlSeconds = 120 };

        var created = (await tenant.Create("Acme", settings)).Ok();
        var again = (await tenant.Create("Acme", settings)).Ok();
        (await tenant.Create("Acme Ltd", settings)).Refused(FailureCode.Conflict);
        (await tenant.Create("Acme", TenantSettings.Default)).Refused(FailureCode.Conflict);

        Assert.Equal(created.Item, again.Item);
        Assert.Equal((tenantId, "Acme", 120), (created.Item.TenantId, created.Item.Name, created.Item.Settings.ReservationTtlSeconds));
        Assert.Equal(created.Item, await tenant.Get());
    }

    [Fact]
    public async Task Created_key_verifies_to_its_tenant_until_revoked()
    {
        var tenant = NewTenant(out var tenantId);
        (await tenant.Create("Acme", null)).Ok();

        var first = (await tenant.CreateApiKey("ci", null)).Ok();
        var second = (await tenant.CreateApiKey("rotation", null)).Ok();

        Assert.NotEqual(first.Key, second.Key);
        Assert.Equal(new ApiKeyIdentity(tenantId, first.KeyId), await VerifyAsync(first.Key));
        Assert.Equal(new ApiKeyIdentity(tenantId, second.KeyId), await VerifyAsync(second.Key));
        Assert.Null(await VerifyAsync(first.Key + "x"));
        Assert.Null(await VerifyAsync("qm_not-a-real-key"));

        var revoked = (await tenant.RevokeApiKey(first.KeyId)).Ok();
        var revokedAgain = (await tenant.RevokeApiKey(first.KeyId)).Ok();

        Assert.NotNull(revoked.RevokedAt);
        Assert.Equal(revoked, revokedAgain);
        Assert.Null(await VerifyAsync(first.Key));
        Assert.Equal(new ApiKeyIdentity(tenantId, second.KeyId), await VerifyAsync(second.Key));
        var listed = await tenant.ListApiKeys();
        Assert.Equal([(first.KeyId, true), (second.KeyId, false)], listed.Select(k => (k.KeyId, k.RevokedAt is not null)));
        (await tenant.RevokeApiKey("key_unknown")).Refused(FailureCode.NotFound);
    }

    [Fact]
    public async Task Keys_cannot_be_created_for_a_tenant_that_does_not_exist()
    {
        var tenant = NewTenant(out _);

        (await tenant.CreateApiKey(null, null)).Refused(FailureCode.NotFound);
        Assert.Null(await tenant.Get());
    }

    [Fact]
    public async Task Settings_update_honours_the_expected_version()
    {
        var tenant = NewTenant(out _);
        var created = (await tenant.Create("Acme", null)).Ok().Item;
        var wanted = new SettingsChange(null, 5, null, null);

        var updated = (await tenant.UpdateSettings(wanted, VersionMatch.OneOf(created.Version))).Ok();
        (await tenant.UpdateSettings(wanted with { LowStockThreshold = 7 }, VersionMatch.OneOf(created.Version))).Refused(FailureCode.PreconditionFailed);

        Assert.Equal(created.Version + 1, updated.Version);
        Assert.Equal(5, updated.Settings.LowStockThreshold);
        Assert.Equal(updated, await tenant.Get());
        var unconditional = (await tenant.UpdateSettings(new SettingsChange(null, null, null, 60), null)).Ok();
        Assert.Equal(5, unconditional.Settings.LowStockThreshold);
        Assert.Equal(60, unconditional.Settings.RateLimitBurst);
        Assert.Equal(updated.Version + 1, unconditional.Version);
    }

    [Fact]
    public async Task Rate_limits_rise_only_by_the_operator()
    {
        var tenant = NewTenant(out _);
        await tenant.Create("Acme", new TenantSettings { RateLimitPerSecond = 30, RateLimitBurst = 60 });

        var refused = await tenant.UpdateSettings(new SettingsChange(null, null, 31, null), null);
        refused.Refused(FailureCode.ValidationFailed);
        Assert.Equal("rateLimitPerSecond", refused.Failure!.Field);
        Assert.Equal("rateLimitBurst", (await tenant.UpdateSettings(new SettingsChange(null, null, null, 61), null)).Failure!.Field);
        Assert.Equal(10, (await tenant.UpdateSettings(new SettingsChange(null, null, 10, null), null)).Ok().Settings.RateLimitPerSecond);
        Assert.Equal(30, (await tenant.UpdateSettings(new SettingsChange(null, null, 30, null), null)).Ok().Settings.RateLimitPerSecond);

        var administered = (await tenant.Administer(new TenantChange("Acme Ltd", new SettingsChange(null, null, 500, 900)), null)).Ok();
        Assert.Equal(("Acme Ltd", 500, 900), (administered.Name, administered.Settings.RateLimitPerSecond, administered.Settings.RateLimitBurst));
        (await tenant.UpdateSettings(new SettingsChange(null, null, 400, null), null)).Ok();
        Assert.Equal(500, (await tenant.UpdateSettings(new SettingsChange(null, null, 500, null), null)).Ok().Settings.RateLimitPerSecond);
        (await tenant.UpdateSettings(new SettingsChange(null, null, 501, null), null)).Refused(FailureCode.ValidationFailed);
        (await tenant.Administer(new TenantChange(null, null), VersionMatch.OneOf(administered.Version))).Refused(FailureCode.PreconditionFailed);
    }
}
