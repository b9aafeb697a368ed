namespace Quartermaster.Grains.Abstractions.Webhooks;

/// <summary>What a tenant asks for when it adds an endpoint; checked by the API's validation already.</summary>
[GenerateSerializer, Immutable]
[Alias("qm.NewWebhookEndpoint")]
public sealed record NewWebhookEndpoint(
    [property: Id(0)] string Url,
    [property: Id(1)] IReadOnlyList<string> EventTypes,
    [property: Id(2)] string? Description,
    [property: Id(3)] bool Enabled = true);
