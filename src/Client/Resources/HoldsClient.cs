using Quartermaster.Client.Contracts;
using Quartermaster.Client.Http;

namespace Quartermaster.Client.Resources;

/// <summary>Short reservations of one stock item, like a checkout hold.</summary>
public sealed class HoldsClient
{
    private readonly ApiTransport _api;

    internal HoldsClient(ApiTransport api) => _api = api;

    public Task<HoldDto> PlaceAsync(string sku, string warehouseId, PlaceHoldRequest hold, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync<HoldDto>(HttpMethod.Post, $"{StockClient.Item(sku, warehouseId)}/holds", hold, new(idempotencyKey), cancellationToken);

    /// <summary>The hold as it stands (active, or released, committed or expired), with its stock item's ETag.</summary>
    public Task<Tagged<HoldDto>> GetAsync(string sku, string warehouseId, string holdId, CancellationToken cancellationToken = default) =>
        _api.SendTaggedAsync<HoldDto>(HttpMethod.Get, $"{StockClient.Item(sku, warehouseId)}/holds/{Paths.Id(holdId)}", null, default, cancellationToken);

    /// <summary>Releases the hold; releasing it again changes nothing.</summary>
    public Task ReleaseAsync(string sku, string warehouseId, string holdId, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Delete, $"{StockClient.Item(sku, warehouseId)}/holds/{Paths.Id(holdId)}", null, default, cancellationToken);

    /// <summary>Takes the held quantity out of stock: onHand and reserved both drop by it.</summary>
    public Task<StockItemDto> CommitAsync(string sku, string warehouseId, string holdId, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync<StockItemDto>(HttpMethod.Post, $"{StockClient.Item(sku, warehouseId)}/holds/{Paths.Id(holdId)}/commit", null, new(idempotencyKey), cancellationToken);
}
