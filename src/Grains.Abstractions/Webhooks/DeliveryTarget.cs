namespace Quartermaster.Grains.Abstractions.Webhooks;

/// <summary>What an endpoint's delivery engine needs to know of it: where, what, and the secrets that sign.</summary>
[GenerateSerializer, Immutable]
[Alias("qm.DeliveryTarget")]
public sealed record DeliveryTarget(
    [property: Id(0)] string Url,
    [property: Id(1)] IReadOnlyList<string> EventTypes,
    [property: Id(2)] bool Enabled,
    [property: Id(3)] IReadOnlyList<SigningSecret> Secrets);
