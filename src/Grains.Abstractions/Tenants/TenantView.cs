namespace Quartermaster.Grains.Abstractions.Tenants;

[GenerateSerializer, Immutable]
[Alias("qm.TenantView")]
public sealed record TenantView(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string Name,
    [property: Id(2)] TenantSettings Settings,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] long Version);
