namespace Quartermaster.Grains.Abstractions.Events;

/// <summary>
/// One recorded change, written in the same commit as the change itself. <see cref="EventId"/> is opaque and
/// sorts (ordinally) in the order the events became final within the tenant.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("qm.TenantEvent")]
public sealed record TenantEvent(
    [property: Id(0)] string EventId,
    [property: Id(1)] string Type,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] EventData Data);
