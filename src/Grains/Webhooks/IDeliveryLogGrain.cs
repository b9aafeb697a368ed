using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Webhooks;

namespace Quartermaster.Grains.Webhooks;

/// <summary>One endpoint's deliveries in memory mode (<see cref="MemoryWebhookDeliveryStore"/>). Key: as the endpoint's engine.</summary>
[Alias("qm.IDeliveryLogGrain")]
public interface IDeliveryLogGrain : IGrainWithStringKey
{
    [Alias("Cursor")]
    Task<DeliveryCursor> Cursor();

    /// <returns>The new version, or null when <paramref name="expectedVersion"/> is stale.</returns>
    [Alias("Save")]
    Task<long?> Save(long expectedVersion, string? takenThrough, IReadOnlyList<WebhookDelivery> deliveries);

    [Alias("Pending")]
    Task<IReadOnlyList<WebhookDelivery>> Pending(int limit);

    [Alias("Get")]
    Task<WebhookDelivery?> Get(string deliveryId);

    [Alias("List")]
    Task<Page<WebhookDelivery>> List(DeliveryStatus? status, string? after, int limit);

    [Alias("RetryFailed")]
    Task<int> RetryFailed(DateTimeOffset now);

    [Alias("Clear")]
    Task Clear();
}
