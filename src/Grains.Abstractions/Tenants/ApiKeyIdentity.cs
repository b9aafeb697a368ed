namespace Quartermaster.Grains.Abstractions.Tenants;

[GenerateSerializer, Immutable]
[Alias("qm.ApiKeyIdentity")]
public sealed record ApiKeyIdentity([property: Id(0)] string TenantId, [property: Id(1)] string KeyId);
