using Quartermaster.Client.Contracts;
using Quartermaster.Client.Http;

namespace Quartermaster.Client.Resources;

/// <summary>Webhook endpoints, which receive the tenant's events as signed POSTs, and their deliveries.</summary>
public sealed class WebhooksClient
{
    private const string Endpoints = "api/v1/webhook-endpoints";
    private readonly ApiTransport _api;

    internal WebhooksClient(ApiTransport api) => _api = api;

    /// <summary>
    /// A new endpoint with its signing secret, which only this answer shows (and, for 24 hours, a retry with the
    /// same Idempotency-Key; if the service's at-rest key changed meanwhile, that retry is 409 conflict naming the endpoint).
    /// </summary>
    public Task<CreatedWebhookEndpointDto> CreateAsync(CreateWebhookEndpointRequest endpoint, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync<CreatedWebhookEndpointDto>(HttpMethod.Post, Endpoints, endpoint, new(idempotencyKey), cancellationToken);

    public Task<ListResponseOfWebhookEndpointDto> ListAsync(int? limit = null, string? cursor = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync<ListResponseOfWebhookEndpointDto>(HttpMethod.Get, Paths.WithQuery(Endpoints, ("limit", limit), ("cursor", cursor)), null, default, cancellationToken);

    /// <summary>Every endpoint, fetching pages of <paramref name="pageSize"/> as the sequence is read.</summary>
    public IAsyncEnumerable<WebhookEndpointDto> EnumerateAsync(int? pageSize = null, CancellationToken cancellationToken = default) =>
        CursorPages.EnumerateAsync((cursor, ct) => ListAsync(pageSize, cursor, ct), page => page.Items, page => page.NextCursor, cancellationToken);

    public Task<Tagged<WebhookEndpointDto>> GetAsync(string endpointId, CancellationToken cancellationToken = default) =>
        _api.SendTaggedAsync<WebhookEndpointDto>(HttpMethod.Get, Endpoint(endpointId), null, default, cancellationToken);

    /// <summary>Changes what <paramref name="patch"/> sets; what it leaves null stays as it is.</summary>
    /// <param name="ifMatch">The ETag of the version read (<see cref="Tagged{T}.ETag"/>); a newer one makes it 412 precondition_failed.</param>
    public Task<Tagged<WebhookEndpointDto>> PatchAsync(string endpointId, PatchWebhookEndpointRequest patch, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        _api.SendTaggedAsync<WebhookEndpointDto>(HttpMethod.Patch, Endpoint(endpointId), patch, new(IfMatch: ifMatch), cancellationToken);

    /// <param name="ifMatch">The ETag of the endpoint read; a change since makes it 412 precondition_failed.</param>
    public Task DeleteAsync(string endpointId, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Delete, Endpoint(endpointId), null, new(IfMatch: ifMatch), cancellationToken);

    /// <summary>A new signing secret, shown only in this answer; the previous one keeps signing beside it for 24 hours.</summary>
    public Task<WebhookSecretDto> RotateSecretAsync(string endpointId, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync<WebhookSecretDto>(HttpMethod.Post, $"{Endpoint(endpointId)}/rotate-secret", null, new(idempotencyKey), cancellationToken);

    /// <summary>One page of the endpoint's deliveries, in event order, of the given status (any if none).</summary>
    public Task<ListResponseOfWebhookDeliveryDto> ListDeliveriesAsync(string endpointId, DeliveryStatus? status = null, int? limit = null, string? cursor = null,
        CancellationToken cancellationToken = default) =>
        _api.SendAsync<ListResponseOfWebhookDeliveryDto>(HttpMethod.Get,
            Paths.WithQuery($"{Endpoint(endpointId)}/deliveries", ("status", status), ("limit", limit), ("cursor", cursor)), null, default, cancellationToken);

    /// <summary>Every delivery of the endpoint in the given status, fetched a page (of <paramref name="pageSize"/>) at a time.</summary>
    public IAsyncEnumerable<WebhookDeliveryDto> EnumerateDeliveriesAsync(string endpointId, DeliveryStatus? status = null, int? pageSize = null,
        CancellationToken cancellationToken = default) =>
        CursorPages.EnumerateAsync((cursor, ct) => ListDeliveriesAsync(endpointId, status, pageSize, cursor, ct), page => page.Items, page => page.NextCursor, cancellationToken);

    /// <summary>Delivers it again now, whatever its status (202 Accepted: the attempt runs after the answer).</summary>
    public Task RetryDeliveryAsync(string endpointId, string deliveryId, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Post, $"{Endpoint(endpointId)}/deliveries/{Paths.Id(deliveryId)}/retry", null, new(idempotencyKey), cancellationToken);

    /// <summary>Makes every failed delivery of the endpoint pending again; the answer counts them.</summary>
    public Task<RetryFailedDto> RetryFailedAsync(string endpointId, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync<RetryFailedDto>(HttpMethod.Post, $"{Endpoint(endpointId)}/retry-failed", null, new(idempotencyKey), cancellationToken);

    private static string Endpoint(string endpointId) => $"{Endpoints}/{Paths.Id(endpointId)}";
}
