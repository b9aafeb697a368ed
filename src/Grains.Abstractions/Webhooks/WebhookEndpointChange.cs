namespace Quartermaster.Grains.Abstractions.Webhooks;

/// <summary>A PATCH: each member that is set replaces the current value; the rest stay. <see cref="ClearDescription"/> removes the description.</summary>
[GenerateSerializer, Immutable]
[Alias("qm.WebhookEndpointChange")]
public sealed record WebhookEndpointChange(
    [property: Id(0)] string? Url = null,
    [property: Id(1)] IReadOnlyList<string>? EventTypes = null,
    [property: Id(2)] bool? Enabled = null,
    [property: Id(3)] string? Description = null,
    [property: Id(4)] bool ClearDescription = false);
