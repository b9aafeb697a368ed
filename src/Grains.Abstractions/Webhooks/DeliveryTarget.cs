namespace Quartermaster.Grains.Abstractions.Webhooks;

/// <summary>
/// What an endpoint's delivery engine needs to know of it: where, what, the secrets that sign, and the newest
/// event of the tenant's log when it was last enabled (<see cref="StartAfter"/>): nothing up to that event is
/// delivered, which keeps events from before its creation or from while it was disabled away from it.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("qm.DeliveryTarget")]
public sealed record DeliveryTarget(
    [property: Id(0)] string Url,
    [property: Id(1)] IReadOnlyList<string> EventTypes,
    [property: Id(2)] bool Enabled,
    [property: Id(3)] IReadOnlyList<SigningSecret> Secrets,
    [property: Id(4)] string? StartAfter = null);
