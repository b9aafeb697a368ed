using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Webhooks;

namespace Quartermaster.Grains.Webhooks;

/// <summary>
/// Where an endpoint's deliveries and its place in the event log are kept: the qm_webhook_deliveries and
/// qm_webhook_cursors tables on PostgreSQL, a grain per endpoint in memory mode. Only the endpoint's delivery
/// engine writes; each save is fenced on the version it loaded, so a second activation's save fails.
/// </summary>
public interface IWebhookDeliveryStore
{
    Task<DeliveryCursor> LoadCursorAsync(string tenantId, string endpointId, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts or updates <paramref name="deliveries"/> and moves the cursor to <paramref name="takenThrough"/>
    /// (when set), in one transaction, if the cursor is still at <paramref name="expectedVersion"/>; returns the
    /// new version. Throws <see cref="Orleans.Storage.InconsistentStateException"/> when another writer moved it.
    /// </summary>
    Task<long> SaveAsync(string tenantId, string endpointId, long expectedVersion, string? takenThrough,
        IReadOnlyList<WebhookDelivery> deliveries, CancellationToken cancellationToken);

    /// <summary>Pending deliveries, soonest due first, then in event order.</summary>
    Task<IReadOnlyList<WebhookDelivery>> PendingAsync(string tenantId, string endpointId, int limit, CancellationToken cancellationToken);

    Task<WebhookDelivery?> GetAsync(string tenantId, string endpointId, string deliveryId, CancellationToken cancellationToken);

    /// <summary>Deliveries in event order after <paramref name="after"/>, optionally of one status.</summary>
    Task<Page<WebhookDelivery>> ListAsync(string tenantId, string endpointId, DeliveryStatus? status, string? after, int limit,
        CancellationToken cancellationToken);

    /// <summary>Every failed delivery of the endpoint becomes pending, due at <paramref name="now"/>; returns how many.</summary>
    Task<int> RetryFailedAsync(string tenantId, string endpointId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The endpoint was deleted: its deliveries and cursor go too.</summary>
    Task DeleteAsync(string tenantId, string endpointId, CancellationToken cancellationToken);
}

/// <summary>The last event an endpoint's engine took into deliveries (null: none yet), and the fencing version.</summary>
[GenerateSerializer, Immutable]
[Alias("qm.DeliveryCursor")]
public sealed record DeliveryCursor([property: Id(0)] string? TakenThrough, [property: Id(1)] long Version);
