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

    /// <summary>
    /// The tenant's stock items, by sku then warehouse: <paramref name="skuPrefix"/> keeps skus that start with it,
    /// <paramref name="lowOnly"/> those at or below their low-stock threshold.
    /// </summary>
    public Task<ListResponseOfStockItemDto> ListAsync(string? warehouseId = null, string? skuPrefix = null, bool lowOnly = false, int? limit = null,
        string? cursor = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync<ListResponseOfStockItemDto>(HttpMethod.Get, Paths.WithQuery(Stock, ("warehouseId", warehouseId), ("sku", skuPrefix),
            ("low", lowOnly ? "true" : null), ("limit", limit), ("cursor", cursor)), null, default, cancellationToken);

    /// <summary>Every stock item <see cref="ListAsync"/> would list, fetched page by page as it is read.</summary>
    public IAsyncEnumerable<StockItemDto> EnumerateAsync(string? warehouseId = null, string? skuPrefix = null, bool lowOnly = false, int? pageSize = null,
        CancellationToken cancellationToken = default) =>
        CursorPages.EnumerateAsync((cursor, ct) => ListAsync(warehouseId, skuPrefix, lowOnly, pageSize, cursor, ct), page => page.Items, page => page.NextCursor, cancellationToken);

    /// <summary>The item's own low-stock threshold; null follows the tenant's.</summary>
    /// <param name="ifMatch">The ETag of the item read (<see cref="GetItemAsync"/>); a stock movement or threshold change since makes it 412 precondition_failed.</param>
    public Task<Tagged<StockItemDto>> SetLowStockThresholdAsync(string sku, string warehouseId, long? threshold, string? ifMatch = null,
        CancellationToken cancellationToken = default) =>
        // The field is required and null is a value ("follow the tenant's"); the client's options leave null
        // properties out, a dictionary's null entries they keep.
        _api.SendTaggedAsync<StockItemDto>(HttpMethod.Put, $"{Item(sku, warehouseId)}/threshold",
            new Dictionary<string, long?> { ["lowStockThreshold"] = threshold }, new(IfMatch: ifMatch), cancellationToken);

    internal static string Item(string sku, string warehouseId) => $"{Stock}/{Paths.Id(sku)}/{Paths.Id(warehouseId)}";
}
