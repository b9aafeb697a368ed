using Quartermaster.ApiFrontend.Tests.Fixtures;
using Quartermaster.Client.Contracts;
using Quartermaster.Client.Problems;
using Quartermaster.Client.Resources;

namespace Quartermaster.ApiFrontend.Tests.Client;

/// <summary>The README walkthrough through the .NET client: tenant, key, catalog, receipt, order, confirm, ship, list.</summary>
[Collection(ApiCollection.Name)]
public sealed class ClientWalkthroughTests(ApiFixture fixture)
{
    [Fact]
    public async Task The_walkthrough_runs_through_the_typed_client()
    {
        var tenantId = TestTenant.NewId("client");
        using var admin = new ClientHost(fixture, ApiFactory.AdminKey);
        var tenant = await admin.Client.Admin.CreateTenantAsync(new CreateTenantRequest { TenantId = tenantId, Name = "Client walkthrough" });
        Assert.Equal(tenantId, tenant.TenantId);
        var key = await admin.Client.Admin.CreateApiKeyAsync(tenantId, new CreateApiKeyRequest { Name = "client" });
        Assert.False(string.IsNullOrEmpty(key.Key));
        var readKey = (await admin.Client.Admin.GetApiKeyAsync(tenantId, key.KeyId)).Value;
        Assert.Equal((key.KeyId, "client", null), (readKey.KeyId, readKey.Name, readKey.RevokedAt));

        using var host = new ClientHost(fixture, key.Key);
        var api = host.Client;
        var warehouse = await api.Catalog.PutWarehouseAsync("main", new PutWarehouseRequest { Name = "Main" });
        await api.Catalog.PutWarehouseAsync("main", new PutWarehouseRequest { Name = "Main hall" }, ifMatch: warehouse.ETag);
        var product = await api.Catalog.PutProductAsync("widget", new PutProductRequest { Name = "Widget" });
        Assert.Equal(product.ETag, (await api.Catalog.GetProductAsync("widget")).ETag);
        await api.Catalog.PutProductAsync("widget", new PutProductRequest { Name = "Widget, blue" }, ifMatch: product.ETag);
        var staleProduct = await Assert.ThrowsAsync<QuartermasterProblemException>(
            () => api.Catalog.PutProductAsync("widget", new PutProductRequest { Name = "Gadget" }, ifMatch: product.ETag));
        Assert.Equal((412, ProblemCodes.PreconditionFailed), (staleProduct.Status, staleProduct.Code));
        Assert.Equal("Widget, blue", (await api.Catalog.GetProductAsync("widget")).Value.Name);
        var received = await api.Stock.ReceiveAsync("widget", "main", new ReceiptRequest { MovementId = "r1", Quantity = 10 });
        Assert.Equal(10, received.OnHand);

        for (var i = 1; i <= 3; i++)
        {
            var placed = await api.Orders.PlaceAsync(new PlaceOrderRequest
            {
                OrderId = $"o{i}",
                CustomerRef = "c1",
                Lines = [new OrderLineDto { Sku = "widget", WarehouseId = "main", Quantity = 2 }],
            });
            Assert.Equal(OrderStatus.Reserved, placed.Status);
        }

        Assert.Equal(OrderStatus.Confirmed, (await api.Orders.ConfirmAsync("o1")).Status);
        Assert.Equal(OrderStatus.Shipped, (await api.Orders.ShipAsync("o1")).Status);
        var stock = (await api.Stock.GetItemAsync("widget", "main")).Value;
        Assert.Equal((8L, 4L, 4L), (stock.OnHand, stock.Reserved, stock.Available));

        var firstPage = await api.Orders.ListAsync(new OrderQuery(Limit: 2));
        Assert.Equal(["o3", "o2"], firstPage.Items.Select(o => o.OrderId));
        Assert.NotNull(firstPage.NextCursor);
        var all = await api.Orders.EnumerateAsync(new OrderQuery(Limit: 2)).Select(o => o.OrderId).ToListAsync();
        Assert.Equal(["o3", "o2", "o1"], all);
        var shipped = await api.Orders.EnumerateAsync(new OrderQuery(Status: OrderStatus.Shipped)).Select(o => o.OrderId).ToListAsync();
        Assert.Equal(["o1"], shipped);

        var ledger = await api.Stock.EnumerateMovementsAsync("widget", "main", pageSize: 2).Select(e => e.Type).ToListAsync();
        Assert.Equal([LedgerEntryType.Receipt, LedgerEntryType.Hold, LedgerEntryType.Hold, LedgerEntryType.Hold, LedgerEntryType.Commit], ledger);
    }

    [Fact]
    public async Task Problems_arrive_as_typed_exceptions_with_code_errors_and_available()
    {
        var tenant = await fixture.NewTenantAsync("client-problems");
        using var host = new ClientHost(fixture, tenant.Key);
        var api = host.Client;
        await api.Catalog.PutWarehouseAsync("main", new PutWarehouseRequest { Name = "Main" });
        await api.Catalog.PutProductAsync("widget", new PutProductRequest { Name = "Widget" });
        await api.Stock.ReceiveAsync("widget", "main", new ReceiptRequest { MovementId = "r1", Quantity = 3 });

        var invalid = await Assert.ThrowsAsync<QuartermasterProblemException>(() =>
            api.Stock.ReceiveAsync("widget", "main", new ReceiptRequest { MovementId = "r2", Quantity = 0 }));
        Assert.Equal((400, ProblemCodes.ValidationFailed), (invalid.Status, invalid.Code));
        Assert.Contains("quantity", invalid.Errors.Keys);

        var shortHold = await Assert.ThrowsAsync<QuartermasterProblemException>(() =>
            api.Holds.PlaceAsync("widget", "main", new PlaceHoldRequest { HoldId = "h1", Quantity = 5 }));
        Assert.Equal((409, ProblemCodes.InsufficientStock, 3L), (shortHold.Status, shortHold.Code, shortHold.Available));
        var neverPlaced = await Assert.ThrowsAsync<QuartermasterProblemException>(() => api.Holds.GetAsync("widget", "main", "h1"));
        Assert.Equal((404, ProblemCodes.NotFound), (neverPlaced.Status, neverPlaced.Code));
        await api.Holds.PlaceAsync("widget", "main", new PlaceHoldRequest { HoldId = "h2", Quantity = 2 });
        var held = await api.Holds.GetAsync("widget", "main", "h2");
        Assert.Equal((2L, HoldStatus.Active, 1L), (held.Value.Quantity, held.Value.Status, held.Value.Stock.Available));
        Assert.NotNull(held.ETag);
        await api.Holds.ReleaseAsync("widget", "main", "h2");

        var shortOrder = await Assert.ThrowsAsync<QuartermasterProblemException>(() => api.Orders.PlaceAsync(new PlaceOrderRequest
        {
            OrderId = "big",
            Lines = [new OrderLineDto { Sku = "widget", WarehouseId = "main", Quantity = 7 }],
        }));
        Assert.Equal(ProblemCodes.InsufficientStock, shortOrder.Code);
        Assert.Equal([new ShortLine("widget", "main", 7, 3, 0)], shortOrder.Lines);

        var missing = await Assert.ThrowsAsync<QuartermasterProblemException>(() => api.Orders.GetAsync("nope"));
        Assert.Equal((404, ProblemCodes.NotFound), (missing.Status, missing.Code));
    }

    [Fact]
    public async Task An_update_with_the_ETag_read_succeeds_and_a_stale_one_is_precondition_failed()
    {
        var tenant = await fixture.NewTenantAsync("client-etag");
        using var host = new ClientHost(fixture, tenant.Key);
        var settings = host.Client.Settings;

        var read = await settings.GetAsync();
        Assert.NotNull(read.ETag);
        var updated = await settings.PatchAsync(new SettingsPatch { LowStockThreshold = 5 }, ifMatch: read.ETag);
        Assert.Equal(5, updated.Value.LowStockThreshold);
        Assert.NotEqual(read.ETag, updated.ETag);

        var stale = await Assert.ThrowsAsync<QuartermasterProblemException>(() =>
            settings.PatchAsync(new SettingsPatch { LowStockThreshold = 6 }, ifMatch: read.ETag));
        Assert.Equal((412, ProblemCodes.PreconditionFailed), (stale.Status, stale.Code));
        Assert.Equal(5, (await settings.GetAsync()).Value.LowStockThreshold);
    }
}
