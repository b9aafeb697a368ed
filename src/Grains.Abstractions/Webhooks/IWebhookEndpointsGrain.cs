using Orleans.Concurrency;
using Quartermaster.Grains.Abstractions.Common;

namespace Quartermaster.Grains.Abstractions.Webhooks;

/// <summary>A tenant's webhook endpoints: their configuration and signing secrets. Key: tenant id.</summary>
[Alias("qm.IWebhookEndpointsGrain")]
public interface IWebhookEndpointsGrain : IGrainWithStringKey
{
    /// <summary>At most this many endpoints per tenant.</summary>
    const int MaxEndpoints = 20;

    [Alias("Create")]
    Task<Outcome<CreatedWebhookEndpoint>> Create(NewWebhookEndpoint endpoint);

    [Alias("List")]
    Task<IReadOnlyList<WebhookEndpointView>> List();

    [Alias("Get")]
    Task<WebhookEndpointView?> Get(string endpointId);

    /// <param name="expectedVersion">From If-Match; null to apply whatever the version.</param>
    [Alias("Update")]
    Task<Outcome<WebhookEndpointView>> Update(string endpointId, WebhookEndpointChange change, VersionMatch? expectedVersion);

    /// <returns>False when there was no such endpoint.</returns>
    [Alias("Delete")]
    Task<bool> Delete(string endpointId);

    /// <param name="expectedVersion">From If-Match; the endpoint is deleted only at a version it admits.</param>
    /// <returns>Not found, precondition failed, or true.</returns>
    [Alias("DeleteIfMatch")]
    Task<Outcome<bool>> Delete(string endpointId, VersionMatch expectedVersion);

    /// <summary>A new secret, shown once; the previous one keeps signing beside it for a day.</summary>
    [Alias("RotateSecret")]
    Task<Outcome<string>> RotateSecret(string endpointId);

    /// <summary>
    /// What the endpoint's delivery engine needs; null when the endpoint does not exist. Interleaves: an engine
    /// asks while it activates, which may be inside this grain's own call telling it of a change.
    /// </summary>
    [AlwaysInterleave, Alias("Target")]
    Task<DeliveryTarget?> Target(string endpointId);
}
