using System.Net;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Orders;
using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.ApiFrontend.Tests.Fixtures;

/// <summary>A tenant created through the admin API, with an HttpClient carrying its key, and seed helpers.</summary>
public sealed class TestTenant
{
    private readonly ApiFixture _fixture;

    private TestTenant(ApiFixture fixture, string id, string key)
    {
        _fixture = fixture;
        Id = id;
        Key = key;
        Client = fixture.WithKey(key);
    }

    public string Id { get; }

    public string Key { get; }

    public HttpClient Client { get; }

    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(64, prefix.Length + 33)];

    public static async Task<TestTenant> CreateAsync(ApiFixture fixture, string tenantId, object? settings)
    {
        using var admin = fixture.Admin();
        var created = await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/admin/tenants",
            new { tenantId, name = $"Tenant {tenantId}", settings });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = await (await admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/admin/tenants/{tenantId}/api-keys", new { name = "tests" }))
            .ReadAsync<CreatedKey>(HttpStatusCode.Created);
        return new TestTenant(fixture, tenantId, key.Key);
    }

    /// <summary>The order's grain, for what only the cluster can do (run its expiry now).</summary>
    public IOrderGrain OrderGrain(string orderId) => _fixture.Grains.GetGrain<IOrderGrain>(GrainKeys.Order(Id, orderId));

    /// <summary>The stock item's grain, for what only the cluster can do (run its hold expiry now).</summary>
    public IStockItemGrain StockGrain(string sku, string warehouseId) =>
        _fixture.Grains.GetGrain<IStockItemGrain>(GrainKeys.StockItem(Id, sku, warehouseId));

    public async Task PutWarehouseAsync(string warehouseId)
    {
        var response = await Client.SendJsonAsync(HttpMethod.Put, $"/api/v1/warehouses/{warehouseId}", new { name = $"Warehouse {warehouseId}" });
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"PUT warehouse: {(int)response.StatusCode}");
    }

    public async Task PutProductAsync(string sku)
    {
        var response = await Client.SendJsonAsync(HttpMethod.Put, $"/api/v1/products/{sku}", new { name = $"Product {sku}", unit = "pcs" });
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"PUT product: {(int)response.StatusCode}");
    }

    /// <summary>Warehouses and products, then a receipt of <paramref name="onHand"/> for each pair when it is above 0.</summary>
    public async Task SeedAsync(IEnumerable<string> skus, IEnumerable<string> warehouses, long onHand = 0)
    {
        var warehouseList = warehouses.ToList();
        foreach (var warehouse in warehouseList)
        {
            await PutWarehouseAsync(warehouse);
        }

        foreach (var sku in skus)
        {
            await PutProductAsync(sku);
            foreach (var warehouse in warehouseList.Where(_ => onHand > 0))
            {
                await ReceiveAsync(sku, warehouse, onHand);
            }
        }
    }

    public async Task<StockItem> ReceiveAsync(string sku, string warehouseId, long quantity, string? movementId = null) =>
        await (await Client.SendJsonAsync(HttpMethod.Post, $"/api/v1/stock/{sku}/{warehouseId}/receipts",
            new { movementId = movementId ?? NewId("rcv"), quantity, reason = "test stock" })).ReadOkAsync<StockItem>();

    public Task<StockItem> StockAsync(string sku, string warehouseId) => Client.GetOkAsync<StockItem>($"/api/v1/stock/{sku}/{warehouseId}");

    public Task<Order> OrderAsync(string orderId) => Client.GetOkAsync<Order>($"/api/v1/orders/{orderId}");

    public Task<HttpResponseMessage> PlaceOrderAsync(string orderId, string? customerRef, params OrderLine[] lines) =>
        Client.SendJsonAsync(HttpMethod.Post, "/api/v1/orders", new { orderId, customerRef, lines });

    public Task<HttpResponseMessage> TransitionAsync(string orderId, string transition) =>
        Client.SendJsonAsync(HttpMethod.Post, $"/api/v1/orders/{orderId}/{transition}", body: null);

    /// <summary>The whole ledger, page by page through nextCursor until it is null.</summary>
    public async Task<IReadOnlyList<LedgerEntry>> LedgerAsync(string sku, string warehouseId, int limit = 100)
    {
        var entries = new List<LedgerEntry>();
        string? cursor = null;
        do
        {
            var path = $"/api/v1/stock/{sku}/{warehouseId}/movements?limit={limit}" + (cursor is null ? string.Empty : $"&cursor={HttpCalls.Query(cursor)}");
            var page = await Client.GetOkAsync<Page<LedgerEntry>>(path);
            Assert.True(page.Items.Count <= limit, $"A page of {page.Items.Count} entries exceeds the limit {limit}.");
            Assert.True(page.NextCursor is null || page.Items.Count > 0, "A page with a next cursor is empty.");
            entries.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return entries;
    }

    /// <summary>Replays the whole ledger and asserts it reproduces the stock item exactly; returns the ledger.</summary>
    public async Task<IReadOnlyList<LedgerEntry>> AssertLedgerReplaysAsync(string sku, string warehouseId, int limit = 100)
    {
        var stock = await StockAsync(sku, warehouseId);
        var ledger = await LedgerAsync(sku, warehouseId, limit);
        var replayed = LedgerReplay.Replay(ledger);
        Assert.Equal(stock.Version, ledger.Count);
        Assert.Equal(stock.OnHand, replayed.OnHand);
        Assert.Equal(stock.Reserved, replayed.Reserved);
        Assert.Equal(stock.OnHand - stock.Reserved, stock.Available);
        return ledger;
    }
}
