namespace Quartermaster.Grains.Abstractions.Tenants;

/// <summary>The one moment the key's secret is visible.</summary>
[GenerateSerializer, Immutable]
[Alias("qm.CreatedApiKey")]
public sealed record CreatedApiKey(
    [property: Id(0)] string KeyId,
    [property: Id(1)] string Key,
    [property: Id(2)] string? Name,
    [property: Id(3)] DateTimeOffset CreatedAt);
