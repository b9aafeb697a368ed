namespace Quartermaster.Grains.Abstractions.Webhooks;

/// <summary>A new endpoint with its signing secret: the one time the secret is shown.</summary>
[GenerateSerializer, Immutable]
[Alias("qm.CreatedWebhookEndpoint")]
public sealed record CreatedWebhookEndpoint([property: Id(0)] WebhookEndpointView Endpoint, [property: Id(1)] string Secret);
