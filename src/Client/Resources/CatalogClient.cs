using Quartermaster.Client.Contracts;
using Quartermaster.Client.Http;

namespace Quartermaster.Client.Resources;

/// <summary>Warehouses and products.</summary>
public sealed class CatalogClient
{
    private const string Warehouses = "api/v1/warehouses";
    private const string Products = "api/v1/products";
    private readonly ApiTransport _api;

    internal CatalogClient(ApiTransport api) => _api = api;

    /// <param name="ifMatch">The ETag of the warehouse written last (<see cref="Tagged{T}.ETag"/>); a change since makes it 412 precondition_failed.</param>
    public Task<Tagged<WarehouseDto>> PutWarehouseAsync(string warehouseId, PutWarehouseRequest request, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        _api.SendTaggedAsync<WarehouseDto>(HttpMethod.Put, $"{Warehouses}/{Paths.Id(warehouseId)}", request, new(IfMatch: ifMatch), cancellationToken);

    /// <param name="search">An id prefix or words of the name; null lists every warehouse.</param>
    public Task<ListResponseOfWarehouseDto> ListWarehousesAsync(int? limit = null, string? cursor = null, string? search = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync<ListResponseOfWarehouseDto>(HttpMethod.Get, Paths.WithQuery(Warehouses, ("q", search), ("limit", limit), ("cursor", cursor)), null, default, cancellationToken);

    /// <summary>Every warehouse, fetching pages of <paramref name="pageSize"/> as the sequence is read.</summary>
    public IAsyncEnumerable<WarehouseDto> EnumerateWarehousesAsync(int? pageSize = null, string? search = null, CancellationToken cancellationToken = default) =>
        CursorPages.EnumerateAsync((cursor, ct) => ListWarehousesAsync(pageSize, cursor, search, ct), page => page.Items, page => page.NextCursor, cancellationToken);

    /// <param name="ifMatch">The ETag of the product read (<see cref="Tagged{T}.ETag"/>); a change since makes it 412 precondition_failed.</param>
    public Task<Tagged<ProductDto>> PutProductAsync(string sku, PutProductRequest request, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        _api.SendTaggedAsync<ProductDto>(HttpMethod.Put, $"{Products}/{Paths.Id(sku)}", request, new(IfMatch: ifMatch), cancellationToken);

    public Task<Tagged<ProductDto>> GetProductAsync(string sku, CancellationToken cancellationToken = default) =>
        _api.SendTaggedAsync<ProductDto>(HttpMethod.Get, $"{Products}/{Paths.Id(sku)}", null, default, cancellationToken);

    /// <param name="search">A sku prefix or words of the name; null lists every product.</param>
    public Task<ListResponseOfProductDto> ListProductsAsync(int? limit = null, string? cursor = null, string? search = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync<ListResponseOfProductDto>(HttpMethod.Get, Paths.WithQuery(Products, ("q", search), ("limit", limit), ("cursor", cursor)), null, default, cancellationToken);

    /// <summary>Every product, fetching pages of <paramref name="pageSize"/> as the sequence is read.</summary>
    public IAsyncEnumerable<ProductDto> EnumerateProductsAsync(int? pageSize = null, string? search = null, CancellationToken cancellationToken = default) =>
        CursorPages.EnumerateAsync((cursor, ct) => ListProductsAsync(pageSize, cursor, search, ct), page => page.Items, page => page.NextCursor, cancellationToken);
}
