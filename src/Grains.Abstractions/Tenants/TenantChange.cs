namespace Quartermaster.Grains.Abstractions.Tenants;

/// <summary>The operator's partial update of a tenant: null fields keep their current value.</summary>
[GenerateSerializer, Immutable]
[Alias("qm.TenantChange")]
public sealed record TenantChange([property: Id(0)] string? Name, [property: Id(1)] SettingsChange? Settings);
