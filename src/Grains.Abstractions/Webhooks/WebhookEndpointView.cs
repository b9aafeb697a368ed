namespace Quartermaster.Grains.Abstractions.Webhooks;

/// <summary>A webhook endpoint as its tenant sees it: never its secrets.</summary>
[GenerateSerializer, Immutable]
[Alias("qm.WebhookEndpointView")]
public sealed record WebhookEndpointView(
    [property: Id(0)] string EndpointId,
    [property: Id(1)] string Url,
    [property: Id(2)] IReadOnlyList<string> EventTypes,
    [property: Id(3)] bool Enabled,
    [property: Id(4)] string? Description,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] long Version);
