using Orleans.Concurrency;
using Quartermaster.Grains.Abstractions.Common;

namespace Quartermaster.Grains.Abstractions.Webhooks;

/// <summary>
/// The delivery engine of one endpoint: takes the tenant's events in order, posts them, retries with backoff,
/// and keeps their history. Key: <see cref="Identifiers.GrainKeys.WebhookEndpoint"/>.
/// </summary>
[Alias("qm.IWebhookDeliveryGrain")]
public interface IWebhookDeliveryGrain : IGrainWithStringKey
{
    /// <summary>The endpoint was created or changed (null: deleted). Its engine runs while it is enabled.</summary>
    [Alias("Configure")]
    Task Configure(DeliveryTarget? target);

    [Alias("List")]
    Task<Page<WebhookDelivery>> List(DeliveryStatus? status, string? after, int limit);

    /// <summary>Attempts the delivery again now, whatever its status; false when there is no such delivery.</summary>
    [Alias("Retry")]
    Task<bool> Retry(string deliveryId);

    /// <summary>Nothing but activation: brings the engine back (on a live silo) when its silo was lost.</summary>
    [AlwaysInterleave, Alias("Wake")]
    Task Wake();

    /// <summary>Every failed delivery becomes pending again, due now; returns how many.</summary>
    [Alias("RetryFailed")]
    Task<int> RetryFailed();
}
