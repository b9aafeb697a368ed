using Quartermaster.Client.Contracts;
using Quartermaster.Client.Http;

namespace Quartermaster.Client.Resources;

/// <summary>Orders, which reserve all of their lines or none.</summary>
public sealed class OrdersClient
{
    private const string Orders = "api/v1/orders";
    private readonly ApiTransport _api;

    internal OrdersClient(ApiTransport api) => _api = api;

    public Task<OrderDto> PlaceAsync(PlaceOrderRequest order, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync<OrderDto>(HttpMethod.Post, Orders, order, new(idempotencyKey), cancellationToken);

    public Task<Tagged<OrderDto>> GetAsync(string orderId, CancellationToken cancellationToken = default) =>
        _api.SendTaggedAsync<OrderDto>(HttpMethod.Get, $"{Orders}/{Paths.Id(orderId)}", null, default, cancellationToken);

    /// <summary>One page of orders, newest first.</summary>
    public Task<ListResponseOfOrderDto> ListAsync(OrderQuery? query = null, string? cursor = null, CancellationToken cancellationToken = default)
    {
        var q = query ?? new OrderQuery();
        return _api.SendAsync<ListResponseOfOrderDto>(HttpMethod.Get, Paths.WithQuery(Orders,
            ("status", q.Status), ("customerRef", q.CustomerRef), ("createdFrom", q.CreatedFrom), ("createdTo", q.CreatedTo),
            ("limit", q.Limit), ("cursor", cursor)), null, default, cancellationToken);
    }

    /// <summary>Every order the query matches, newest first, fetched a page (of <see cref="OrderQuery.Limit"/>) at a time.</summary>
    public IAsyncEnumerable<OrderDto> EnumerateAsync(OrderQuery? query = null, CancellationToken cancellationToken = default) =>
        CursorPages.EnumerateAsync((cursor, ct) => ListAsync(query, cursor, ct), page => page.Items, page => page.NextCursor, cancellationToken);

    public Task<OrderDto> ConfirmAsync(string orderId, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        Transition(orderId, "confirm", idempotencyKey, cancellationToken);

    public Task<OrderDto> ShipAsync(string orderId, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        Transition(orderId, "ship", idempotencyKey, cancellationToken);

    public Task<OrderDto> CancelAsync(string orderId, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        Transition(orderId, "cancel", idempotencyKey, cancellationToken);

    private Task<OrderDto> Transition(string orderId, string action, string? idempotencyKey, CancellationToken cancellationToken) =>
        _api.SendAsync<OrderDto>(HttpMethod.Post, $"{Orders}/{Paths.Id(orderId)}/{action}", null, new(idempotencyKey), cancellationToken);
}
