namespace Quartermaster.Grains.Abstractions.Tenants;

/// <summary>What may be shown of a key after its creation: never the secret.</summary>
[GenerateSerializer, Immutable]
[Alias("qm.ApiKeyInfo")]
public sealed record ApiKeyInfo(
    [property: Id(0)] string KeyId,
    [property: Id(1)] string? Name,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] DateTimeOffset? RevokedAt);
