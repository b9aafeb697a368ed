namespace Quartermaster.Grains.Abstractions.Webhooks;

/// <summary>
/// One event's delivery to one endpoint. Its id is its event's id: an endpoint gets each event once, so the
/// two name the same thing, and deliveries list in event order.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("qm.WebhookDelivery")]
public sealed record WebhookDelivery(
    [property: Id(0)] string EventId,
    [property: Id(1)] string EventType,
    [property: Id(2)] DeliveryStatus Status,
    [property: Id(3)] int Attempts,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset? LastAttemptAt,
    [property: Id(6)] DateTimeOffset? NextAttemptAt,
    [property: Id(7)] int? LastStatusCode,
    [property: Id(8)] string? LastError)
{
    public string DeliveryId => EventId;
}
