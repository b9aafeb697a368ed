using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Quartermaster.KiotaWalkthrough.Client;
using Quartermaster.KiotaWalkthrough.Client.Api.V1.Orders;
using Quartermaster.KiotaWalkthrough.Client.Models;

// The README walkthrough through a Kiota client generated from the served OpenAPI document.
// Usage: dotnet run -- <base URL> <admin key> <tenant id>
if (args is not [var baseUrl, var adminKey, var tenantId])
{
    Console.Error.WriteLine("usage: KiotaWalkthrough <base URL> <admin key> <tenant id>");
    return 2;
}

var admin = Client(baseUrl, adminKey);

// 1. A tenant and an API key for it
var tenant = await admin.Api.V1.Admin.Tenants.PostAsync(new CreateTenantRequest { TenantId = tenantId, Name = "Acme Ltd" });
Expect(tenant?.TenantId == tenantId && tenant.Settings?.ReservationTtlSeconds == 900, "the tenant with default settings");
var created = await admin.Api.V1.Admin.Tenants[tenantId].ApiKeys.PostAsync(new CreateApiKeyRequest { Name = "backend" });
Expect(created?.Key is { Length: > 0 }, "an API key");

var api = Client(baseUrl, created!.Key!);

// 2. Catalog: a warehouse and a product
var warehouse = await api.Api.V1.Warehouses["berlin"].PutAsync(new PutWarehouseRequest { Name = "Berlin DC" });
Expect(warehouse?.WarehouseId == "berlin", "the warehouse");
await api.Api.V1.Products["chair-01"].PutAsync(new PutProductRequest { Name = "Office chair", Unit = "piece" });

// 3. Receive 20 chairs
var received = await api.Api.V1.Stock["chair-01"]["berlin"].Receipts.PostAsync(
    new ReceiptRequest { MovementId = "grn-1001", Quantity = 20, Reason = "purchase order 1001" });
Expect(received is { OnHand: 20, Available: 20 }, "onHand 20 after the receipt");

// 4. An order reserves its lines; confirm it, ship it
var order = await api.Api.V1.Orders.PostAsync(
    new PlaceOrderRequest
    {
        OrderId = "so-5001",
        CustomerRef = "cust-42",
        Lines = [new OrderLineDto { Sku = "chair-01", WarehouseId = "berlin", Quantity = 3 }],
    },
    config => config.Headers.Add("Idempotency-Key", $"order-5001-{tenantId}"));
Expect(order is { Status: OrderStatus.Reserved, Lines.Count: 1 }, "a reserved order");
var confirmed = await api.Api.V1.Orders["so-5001"].Confirm.PostAsync();
Expect(confirmed?.Status == OrderStatus.Confirmed, "a confirmed order");
var shipped = await api.Api.V1.Orders["so-5001"].Ship.PostAsync();
Expect(shipped is { Status: OrderStatus.Shipped, History.Count: 3 }, "a shipped order with three history entries");

// 5. Stock is now onHand 17, reserved 0
var stock = await api.Api.V1.Stock["chair-01"]["berlin"].GetAsync();
Expect(stock is { OnHand: 17, Reserved: 0, Available: 17 }, "onHand 17, reserved 0, available 17");

// 6. Lists take a typed limit (an integer) and status (an enum)
var list = await api.Api.V1.Orders.GetAsync(config =>
{
    config.QueryParameters.Limit = 10;
    config.QueryParameters.Status = GetStatusQueryParameterType.Shipped;
});
Expect(list?.Items is [{ OrderId: "so-5001" }] && list.NextCursor is null, "one shipped order in the list");
var movements = await api.Api.V1.Stock["chair-01"]["berlin"].Movements.GetAsync(config => config.QueryParameters.Limit = 10);
Expect(movements?.Items?.Any(entry => entry.Type == LedgerEntryType.Commit) == true, "a commit entry in the ledger");

// 7. Asking for more than is available is a typed problem
try
{
    await api.Api.V1.Orders.PostAsync(new PlaceOrderRequest
    {
        OrderId = "so-5002",
        Lines = [new OrderLineDto { Sku = "chair-01", WarehouseId = "berlin", Quantity = 500 }],
    });
    Expect(false, "409 insufficient_stock");
}
catch (Problem problem)
{
    Expect(problem.ResponseStatusCode == 409 && problem.Code == Problem_code.Insufficient_stock, "409 insufficient_stock");
    Expect(problem.Lines is [{ Available: 17 }], "the short line with its available quantity");
}

Console.WriteLine("walkthrough (Kiota C#): OK");
return 0;

static QuartermasterClient Client(string baseUrl, string key)
{
    var http = new HttpClient();
    http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
    return new QuartermasterClient(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http) { BaseUrl = baseUrl });
}

static void Expect(bool condition, string what)
{
    if (!condition)
    {
        throw new InvalidOperationException($"walkthrough (Kiota C#): expected {what}");
    }

    Console.WriteLine($"ok: {what}");
}
