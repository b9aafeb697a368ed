using System.ComponentModel.DataAnnotations;
using Quartermaster.ApiFrontend.Settings;
using Quartermaster.Contracts.Schema;
using Quartermaster.Grains.Abstractions.Tenants;

namespace Quartermaster.ApiFrontend.Admin;

public sealed record CreateTenantRequest([property: Required, ResourceId] string? TenantId, [property: Required, StringLength(200, MinimumLength = 1)] string? Name, SettingsPatch? Settings = null);

public sealed record TenantDto([property: ResourceId] string TenantId, string Name, SettingsDto Settings, DateTimeOffset CreatedAt)
{
    public static TenantDto From(TenantView t) => new(t.TenantId, t.Name, SettingsDto.From(t.Settings), t.CreatedAt);
}

public sealed record PatchTenantRequest([property: StringLength(200, MinimumLength = 1)] string? Name = null, SettingsPatch? Settings = null);

public sealed record CreateApiKeyRequest([property: StringLength(200, MinimumLength = 1)] string? Name = null);

public sealed record CreatedApiKeyDto([property: ResourceId] string KeyId, string Key, string? Name, DateTimeOffset CreatedAt)
{
    public static CreatedApiKeyDto From(CreatedApiKey k) => new(k.KeyId, k.Key, k.Name, k.CreatedAt);
}

public sealed record ApiKeyDto([property: ResourceId] string KeyId, string? Name, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public static ApiKeyDto From(ApiKeyInfo k) => new(k.KeyId, k.Name, k.CreatedAt, k.RevokedAt);
}
