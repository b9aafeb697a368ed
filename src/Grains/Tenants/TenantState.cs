using Quartermaster.Grains.Abstractions.Tenants;

namespace Quartermaster.Grains.Tenants;

[GenerateSerializer]
[Alias("qm.TenantState")]
public sealed class TenantState
{
    [Id(0)]
    public string? Name { get; set; }

    [Id(1)]
    public TenantSettings Settings { get; set; } = TenantSettings.Default;

    [Id(2)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(3)]
    public long Version { get; set; }

    [Id(4)]
    public List<ApiKeyRecord> ApiKeys { get; set; } = [];

    /// <summary>The operator's rate ceiling; null for tenants created before ceilings existed (their settings then).</summary>
    [Id(5)]
    public int? RateLimitPerSecondCeiling { get; set; }

    [Id(6)]
    public int? RateLimitBurstCeiling { get; set; }

    public bool Exists => Name is not null;
}

[GenerateSerializer]
[Alias("qm.ApiKeyRecord")]
public sealed class ApiKeyRecord
{
    [Id(0)]
    public required string KeyId { get; init; }

    [Id(1)]
    public required string LookupId { get; init; }

    [Id(2)]
    public string? Name { get; init; }

    [Id(3)]
    public DateTimeOffset CreatedAt { get; init; }

    [Id(4)]
    public DateTimeOffset? RevokedAt { get; set; }

    public ApiKeyInfo ToInfo() => new(KeyId, Name, CreatedAt, RevokedAt);
}
