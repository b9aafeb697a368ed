using Quartermaster.Grains.Abstractions.Webhooks;

namespace Quartermaster.Grains.Webhooks;

[GenerateSerializer]
[Alias("qm.WebhookEndpointsState")]
public sealed class WebhookEndpointsState
{
    [Id(0)]
    public Dictionary<string, WebhookEndpointRecord> Endpoints { get; set; } = new(StringComparer.Ordinal);
}

[GenerateSerializer]
[Alias("qm.WebhookEndpointRecord")]
public sealed class WebhookEndpointRecord
{
    [Id(0)]
    public required string EndpointId { get; init; }

    [Id(1)]
    public required string Url { get; set; }

    [Id(2)]
    public required List<string> EventTypes { get; set; }

    [Id(3)]
    public bool Enabled { get; set; }

    [Id(4)]
    public string? Description { get; set; }

    [Id(5)]
    public DateTimeOffset CreatedAt { get; init; }

    [Id(6)]
    public long Version { get; set; }

    /// <summary>Encrypted; the current secret last, a rotated-out one before it until it retires.</summary>
    [Id(7)]
    public List<SigningSecret> Secrets { get; set; } = [];

    /// <summary>
    /// The newest event of the tenant's log when the endpoint was created enabled or last enabled again (null: the
    /// log was empty then, or the endpoint predates this field). Saved with the endpoint, so an engine that never saw
    /// the endpoint disabled (its activation was lost meanwhile) still skips what happened while it was.
    /// </summary>
    [Id(8)]
    public string? StartAfter { get; set; }

    public WebhookEndpointView View() => new(EndpointId, Url, EventTypes, Enabled, Description, CreatedAt, Version);

    public DeliveryTarget Target() => new(Url, EventTypes, Enabled, Secrets, StartAfter);
}
