using Orleans.Storage;
using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Webhooks;

namespace Quartermaster.Grains.Webhooks;

/// <summary>Deliveries in memory mode: a <see cref="DeliveryLogGrain"/> per endpoint.</summary>
public sealed class MemoryWebhookDeliveryStore(IGrainFactory grains) : IWebhookDeliveryStore
{
    public Task<DeliveryCursor> LoadCursorAsync(string tenantId, string endpointId, CancellationToken cancellationToken) =>
        Log(tenantId, endpointId).Cursor();

    public async Task<long> SaveAsync(string tenantId, string endpointId, long expectedVersion, string? takenThrough,
        IReadOnlyList<WebhookDelivery> deliveries, CancellationToken cancellationToken) =>
        await Log(tenantId, endpointId).Save(expectedVersion, takenThrough, deliveries)
            ?? throw new InconsistentStateException($"The deliveries of endpoint '{endpointId}' were written by another activation.");

    public Task<IReadOnlyList<WebhookDelivery>> PendingAsync(string tenantId, string endpointId, int limit, CancellationToken cancellationToken) =>
        Log(tenantId, endpointId).Pending(limit);

    public Task<WebhookDelivery?> GetAsync(string tenantId, string endpointId, string deliveryId, CancellationToken cancellationToken) =>
        Log(tenantId, endpointId).Get(deliveryId);

    public Task<Page<WebhookDelivery>> ListAsync(string tenantId, string endpointId, DeliveryStatus? status, string? after, int limit,
        CancellationToken cancellationToken) =>
        Log(tenantId, endpointId).List(status, after, limit);

    public Task<int> RetryFailedAsync(string tenantId, string endpointId, DateTimeOffset now, CancellationToken cancellationToken) =>
        Log(tenantId, endpointId).RetryFailed(now);

    public Task DeleteAsync(string tenantId, string endpointId, CancellationToken cancellationToken) => Log(tenantId, endpointId).Clear();

    private IDeliveryLogGrain Log(string tenantId, string endpointId) =>
        grains.GetGrain<IDeliveryLogGrain>(GrainKeys.WebhookEndpoint(tenantId, endpointId));
}
