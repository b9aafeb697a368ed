using Quartermaster.Client.Contracts;
using Quartermaster.Client.Http;

namespace Quartermaster.Client.Resources;

/// <summary>Stock items, their movements and their ledger.</summary>
public sealed class StockClient
{
    private const string Stock = "api/v1/stock";
    private readonly ApiTransport _api;

    internal StockClient(ApiTransport api) => _api = api;

    public Task<Tagged<StockItemDto>> GetItemAsync(string sku, string warehouseId, CancellationToken cancellationToken = default) =>
        _api.SendTaggedAsync<StockItemDto>(HttpMethod.Get, Item(sku, warehouseId), null, default, cancellationToken);

    /// <summary>The product's totals over every warehouse, with each warehouse's stock item.</summary>
    public Task<StockSummaryDto> GetSummaryAsync(string sku, CancellationToken cancellationToken = default) =>
        _api.SendAsync<StockSummaryDto>(HttpMethod.Get, $"{Stock}/{Paths.Id(sku)}", null, default, cancellationToken);

    public Task<StockItemDto> ReceiveAsync(string sku, string warehouseId, ReceiptRequest receipt, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync<StockItemDto>(HttpMethod.Post, $"{Item(sku, warehouseId)}/receipts", receipt, new(idempotencyKey), cancellationToken);

    public Task<StockItemDto> AdjustAsync(string sku, string warehouseId, AdjustmentRequest adjustment, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync<StockItemDto>(HttpMethod.Post, $"{Item(sku, warehouseId)}/adjustments", adjustment, new(idempotencyKey), cancellationToken);

    /// <summary>Moves stock between two warehouses, all or nothing.</summary>
    public Task<TransferResultDto> TransferAsync(TransferRequestDto transfer, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync<TransferResultDto>(HttpMethod.Post, $"{Stock}/transfers", transfer, new(idempotencyKey), cancellationToken);

    public Task<ListResponseOfLedgerEntryDto> ListMovementsAsync(string sku, string warehouseId, long? after = null, int? limit = null, string? cursor = null,
        CancellationToken cancellationToken = default) =>
        _api.SendAsync<ListResponseOfLedgerEntryDto>(HttpMethod.Get,
            Paths.WithQuery($"{Item(sku, warehouseId)}/movements", ("after", after), ("limit", limit), ("cursor", cursor)), null, default, cancellationToken);

    /// <summary>The stock item's whole ledger in order (after <paramref name="after"/>), fetched page by page as it is read.</summary>
    public IAsyncEnumerable<LedgerEntryDto> EnumerateMovementsAsync(string sku, string warehouseId, long? after = null, int? pageSize = null,
        CancellationToken cancellationToken = default) =>
        CursorPages.EnumerateAsync((cursor, ct) => ListMovementsAsync(sku, warehouseId, after, pageSize, cursor, ct), page => page.Items, page => page.NextCursor, cancellationToken);

    internal static string Item(string sku, string warehouseId) => $"{Stock}/{Paths.Id(sku)}/{Paths.Id(warehouseId)}";
}
