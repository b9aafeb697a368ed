namespace Quartermaster.ApiFrontend.Tests;

/// <summary>
/// One bad request: who sends it, where, the raw body, and the field the 400 must name. A body that breaks off
/// inside a field may name the body or that field ("body|quantity"): either tells the client where it broke.
/// </summary>
public sealed record MalformedCase(bool Admin, string Method, string Path, string? Body, string Field);

/// <summary>
/// For every POST/PUT/PATCH endpoint of the contract: malformed JSON, wrong types, missing required fields,
/// ids outside [A-Za-z0-9._-]{1,64}, and quantities out of 1..1e9 (including past int64). "{tenant}" in a
/// path is the shared tenant's id.
/// </summary>
public static class MalformedInputCases
{
    public const string ProbeTenantId = "malformed-probe";

    private const string TooBigForInt64 = "9223372036854775808";

    private static readonly string Id65 = new('a', 65);

    public static readonly IReadOnlyDictionary<string, MalformedCase> All = Build();

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var name in All.Keys)
        {
            data.Add(name);
        }

        return data;
    }

    private static Dictionary<string, MalformedCase> Build()
    {
        var cases = new Dictionary<string, MalformedCase>(StringComparer.Ordinal);
        void Admin(string name, string method, string path, string? body, string field) => cases.Add(name, new(true, method, path, body, field));
        void Tenant(string name, string method, string path, string? body, string field) => cases.Add(name, new(false, method, path, body, field));

        const string tenants = "/api/v1/admin/tenants";
        var probe = ProbeTenantId;
        Admin("tenants: invalid JSON", "POST", tenants, $$"""{"tenantId": "{{probe}}" "name": "x"}""", "body");
        Admin("tenants: empty body", "POST", tenants, "", "body");
        Admin("tenants: number for tenantId", "POST", tenants, """{"tenantId": 5, "name": "x"}""", "tenantId");
        Admin("tenants: missing tenantId", "POST", tenants, """{"name": "x"}""", "tenantId");
        Admin("tenants: missing name", "POST", tenants, $$"""{"tenantId": "{{probe}}"}""", "name");
        Admin("tenants: tenantId of 65", "POST", tenants, $$"""{"tenantId": "{{Id65}}", "name": "x"}""", "tenantId");
        Admin("tenants: tenantId charset", "POST", tenants, """{"tenantId": "a/b", "name": "x"}""", "tenantId");
        Admin("tenants: settings ttl 9", "POST", tenants,
            $$$"""{"tenantId": "{{{probe}}}", "name": "x", "settings": {"reservationTtlSeconds": 9}}""", "settings.reservationTtlSeconds");
        Admin("tenants: settings ttl string", "POST", tenants,
            $$$"""{"tenantId": "{{{probe}}}", "name": "x", "settings": {"reservationTtlSeconds": "900"}}""", "settings.reservationTtlSeconds");

        const string keys = "/api/v1/admin/tenants/{tenant}/api-keys";
        Admin("api-keys: invalid JSON", "POST", keys, """{"name": }""", "body|name");
        Admin("api-keys: number for name", "POST", keys, """{"name": 5}""", "name");
        Admin("api-keys: blank name", "POST", keys, """{"name": "  "}""", "name");
        Admin("api-keys: tenantId of 65", "POST", $"/api/v1/admin/tenants/{Id65}/api-keys", """{"name": "k"}""", "tenantId");

        const string settings = "/api/v1/settings";
        Tenant("settings: invalid JSON", "PATCH", settings, """{"reservationTtlSeconds": 60,}""", "body");
        Tenant("settings: string ttl", "PATCH", settings, """{"reservationTtlSeconds": "60"}""", "reservationTtlSeconds");
        Tenant("settings: ttl 9", "PATCH", settings, """{"reservationTtlSeconds": 9}""", "reservationTtlSeconds");
        Tenant("settings: ttl negative", "PATCH", settings, """{"reservationTtlSeconds": -1}""", "reservationTtlSeconds");
        Tenant("settings: ttl 604801", "PATCH", settings, """{"reservationTtlSeconds": 604801}""", "reservationTtlSeconds");
        Tenant("settings: ttl past int64", "PATCH", settings, $$"""{"reservationTtlSeconds": {{TooBigForInt64}}}""", "reservationTtlSeconds");
        Tenant("settings: threshold 1000000001", "PATCH", settings, """{"lowStockThreshold": 1000000001}""", "lowStockThreshold");
        Tenant("settings: threshold past int64", "PATCH", settings, $$"""{"lowStockThreshold": {{TooBigForInt64}}}""", "lowStockThreshold");
        Tenant("settings: rate 0", "PATCH", settings, """{"rateLimitPerSecond": 0}""", "rateLimitPerSecond");

        Tenant("warehouse: invalid JSON", "PUT", "/api/v1/warehouses/w9", """{"name" "x"}""", "body");
        Tenant("warehouse: number for name", "PUT", "/api/v1/warehouses/w9", """{"name": 5}""", "name");
        Tenant("warehouse: missing name", "PUT", "/api/v1/warehouses/w9", "{}", "name");
        Tenant("warehouse: id of 65", "PUT", $"/api/v1/warehouses/{Id65}", """{"name": "x"}""", "warehouseId");
        Tenant("warehouse: id charset", "PUT", "/api/v1/warehouses/bad%20id", """{"name": "x"}""", "warehouseId");
        Tenant("warehouse: id with !", "PUT", "/api/v1/warehouses/w!9", """{"name": "x"}""", "warehouseId");

        Tenant("product: invalid JSON", "PUT", "/api/v1/products/p9", "[", "body");
        Tenant("product: number for name", "PUT", "/api/v1/products/p9", """{"name": 5}""", "name");
        Tenant("product: missing name", "PUT", "/api/v1/products/p9", """{"unit": "pcs"}""", "name");
        Tenant("product: number for unit", "PUT", "/api/v1/products/p9", """{"name": "x", "unit": 5}""", "unit");
        Tenant("product: sku of 65", "PUT", $"/api/v1/products/{Id65}", """{"name": "x"}""", "sku");
        Tenant("product: sku charset", "PUT", "/api/v1/products/bad%20sku", """{"name": "x"}""", "sku");

        const string receipts = "/api/v1/stock/p1/w1/receipts";
        Tenant("receipt: invalid JSON", "POST", receipts, """{"movementId": "m9", "quantity": 1""", "body|quantity");
        Tenant("receipt: empty body", "POST", receipts, "", "body");
        Tenant("receipt: null body", "POST", receipts, "null", "body");
        Tenant("receipt: string quantity", "POST", receipts, """{"movementId": "m9", "quantity": "5"}""", "quantity");
        Tenant("receipt: quantity named twice", "POST", receipts, """{"movementId": "m9", "quantity": 5, "quantity": 6}""", "body|quantity");
        Tenant("receipt: fractional quantity", "POST", receipts, """{"movementId": "m9", "quantity": 1.5}""", "quantity");
        Tenant("receipt: number for movementId", "POST", receipts, """{"movementId": 5, "quantity": 1}""", "movementId");
        Tenant("receipt: missing movementId", "POST", receipts, """{"quantity": 1}""", "movementId");
        Tenant("receipt: missing quantity", "POST", receipts, """{"movementId": "m9"}""", "quantity");
        Tenant("receipt: movementId of 65", "POST", receipts, $$"""{"movementId": "{{Id65}}", "quantity": 1}""", "movementId");
        Tenant("receipt: movementId charset", "POST", receipts, """{"movementId": "m 9", "quantity": 1}""", "movementId");
        Tenant("receipt: quantity 0", "POST", receipts, """{"movementId": "m9", "quantity": 0}""", "quantity");
        Tenant("receipt: quantity negative", "POST", receipts, """{"movementId": "m9", "quantity": -1}""", "quantity");
        Tenant("receipt: quantity 1000000001", "POST", receipts, """{"movementId": "m9", "quantity": 1000000001}""", "quantity");
        Tenant("receipt: quantity past int64", "POST", receipts, $$"""{"movementId": "m9", "quantity": {{TooBigForInt64}}}""", "quantity");
        Tenant("receipt: sku of 65", "POST", $"/api/v1/stock/{Id65}/w1/receipts", """{"movementId": "m9", "quantity": 1}""", "sku");

        const string adjustments = "/api/v1/stock/p1/w1/adjustments";
        Tenant("adjustment: invalid JSON", "POST", adjustments, "{,}", "body");
        Tenant("adjustment: string count", "POST", adjustments, """{"movementId": "a9", "countedOnHand": "3", "reason": "r"}""", "countedOnHand");
        Tenant("adjustment: count negative", "POST", adjustments, """{"movementId": "a9", "countedOnHand": -1, "reason": "r"}""", "countedOnHand");
        Tenant("adjustment: count 1000000001", "POST", adjustments, """{"movementId": "a9", "countedOnHand": 1000000001, "reason": "r"}""", "countedOnHand");
        Tenant("adjustment: count past int64", "POST", adjustments, $$"""{"movementId": "a9", "countedOnHand": {{TooBigForInt64}}, "reason": "r"}""", "countedOnHand");
        Tenant("adjustment: missing count", "POST", adjustments, """{"movementId": "a9", "reason": "r"}""", "countedOnHand");
        Tenant("adjustment: missing reason", "POST", adjustments, """{"movementId": "a9", "countedOnHand": 3}""", "reason");
        Tenant("adjustment: missing movementId", "POST", adjustments, """{"countedOnHand": 3, "reason": "r"}""", "movementId");
        Tenant("adjustment: movementId of 65", "POST", adjustments, $$"""{"movementId": "{{Id65}}", "countedOnHand": 3, "reason": "r"}""", "movementId");

        const string transfers = "/api/v1/stock/transfers";
        const string transfer = "\"movementId\": \"t9\", \"sku\": \"p1\", \"fromWarehouseId\": \"w1\", \"toWarehouseId\": \"w2\"";
        Tenant("transfer: invalid JSON", "POST", transfers, "{\"movementId\": t9}", "body|movementId");
        Tenant("transfer: string quantity", "POST", transfers, $$"""{{{transfer}}, "quantity": "1"}""", "quantity");
        Tenant("transfer: quantity 0", "POST", transfers, $$"""{{{transfer}}, "quantity": 0}""", "quantity");
        Tenant("transfer: quantity negative", "POST", transfers, $$"""{{{transfer}}, "quantity": -3}""", "quantity");
        Tenant("transfer: quantity 1000000001", "POST", transfers, $$"""{{{transfer}}, "quantity": 1000000001}""", "quantity");
        Tenant("transfer: quantity past int64", "POST", transfers, $$"""{{{transfer}}, "quantity": {{TooBigForInt64}}}""", "quantity");
        Tenant("transfer: missing quantity", "POST", transfers, $$"""{{{transfer}}}""", "quantity");
        Tenant("transfer: missing sku", "POST", transfers,
            """{"movementId": "t9", "fromWarehouseId": "w1", "toWarehouseId": "w2", "quantity": 1}""", "sku");
        Tenant("transfer: missing toWarehouseId", "POST", transfers,
            """{"movementId": "t9", "sku": "p1", "fromWarehouseId": "w1", "quantity": 1}""", "toWarehouseId");
        Tenant("transfer: number for movementId", "POST", transfers,
            """{"movementId": 9, "sku": "p1", "fromWarehouseId": "w1", "toWarehouseId": "w2", "quantity": 1}""", "movementId");
        Tenant("transfer: fromWarehouseId of 65", "POST", transfers,
            $$"""{"movementId": "t9", "sku": "p1", "fromWarehouseId": "{{Id65}}", "toWarehouseId": "w2", "quantity": 1}""", "fromWarehouseId");
        Tenant("transfer: to equals from", "POST", transfers,
            """{"movementId": "t9", "sku": "p1", "fromWarehouseId": "w1", "toWarehouseId": "w1", "quantity": 1}""", "toWarehouseId");

        const string holds = "/api/v1/stock/p1/w1/holds";
        Tenant("hold: invalid JSON", "POST", holds, "{'holdId': 'h9'}", "body");
        Tenant("hold: string quantity", "POST", holds, """{"holdId": "h9", "quantity": "1"}""", "quantity");
        Tenant("hold: number for holdId", "POST", holds, """{"holdId": 9, "quantity": 1}""", "holdId");
        Tenant("hold: missing holdId", "POST", holds, """{"quantity": 1}""", "holdId");
        Tenant("hold: missing quantity", "POST", holds, """{"holdId": "h9"}""", "quantity");
        Tenant("hold: holdId of 65", "POST", holds, $$"""{"holdId": "{{Id65}}", "quantity": 1}""", "holdId");
        Tenant("hold: holdId charset", "POST", holds, """{"holdId": "h:9", "quantity": 1}""", "holdId");
        Tenant("hold: quantity 0", "POST", holds, """{"holdId": "h9", "quantity": 0}""", "quantity");
        Tenant("hold: quantity negative", "POST", holds, """{"holdId": "h9", "quantity": -1}""", "quantity");
        Tenant("hold: quantity 1000000001", "POST", holds, """{"holdId": "h9", "quantity": 1000000001}""", "quantity");
        Tenant("hold: quantity past int64", "POST", holds, $$"""{"holdId": "h9", "quantity": {{TooBigForInt64}}}""", "quantity");
        Tenant("hold: ttl 9", "POST", holds, """{"holdId": "h9", "quantity": 1, "ttlSeconds": 9}""", "ttlSeconds");
        Tenant("hold: string ttl", "POST", holds, """{"holdId": "h9", "quantity": 1, "ttlSeconds": "60"}""", "ttlSeconds");
        Tenant("hold: warehouseId of 65", "POST", $"/api/v1/stock/p1/{Id65}/holds", """{"holdId": "h9", "quantity": 1}""", "warehouseId");

        const string orders = "/api/v1/orders";
        const string line = """{"sku": "p1", "warehouseId": "w1", "quantity": 1}""";
        Tenant("order: invalid JSON", "POST", orders, """{"orderId": "o9", "lines": [}""", "body|lines|lines[0]");
        Tenant("order: number for orderId", "POST", orders, $$"""{"orderId": 9, "lines": [{{line}}]}""", "orderId");
        Tenant("order: missing orderId", "POST", orders, $$"""{"lines": [{{line}}]}""", "orderId");
        Tenant("order: orderId of 65", "POST", orders, $$"""{"orderId": "{{Id65}}", "lines": [{{line}}]}""", "orderId");
        Tenant("order: orderId charset", "POST", orders, $$"""{"orderId": "o/9", "lines": [{{line}}]}""", "orderId");
        Tenant("order: customerRef charset", "POST", orders, $$"""{"orderId": "o9", "customerRef": "bad ref", "lines": [{{line}}]}""", "customerRef");
        Tenant("order: missing lines", "POST", orders, """{"orderId": "o9"}""", "lines");
        Tenant("order: 0 lines", "POST", orders, """{"orderId": "o9", "lines": []}""", "lines");
        Tenant("order: 101 lines", "POST", orders, $$"""{"orderId": "o9", "lines": [{{string.Join(", ", Enumerable.Repeat(line, 101))}}]}""", "lines");
        Tenant("order: lines not an array", "POST", orders, """{"orderId": "o9", "lines": "p1"}""", "lines");
        Tenant("order: null line", "POST", orders, """{"orderId": "o9", "lines": [null]}""", "lines[0]");
        Tenant("order: quantity 0", "POST", orders, """{"orderId": "o9", "lines": [{"sku": "p1", "warehouseId": "w1", "quantity": 0}]}""", "lines[0].quantity");
        Tenant("order: quantity negative", "POST", orders, """{"orderId": "o9", "lines": [{"sku": "p1", "warehouseId": "w1", "quantity": -1}]}""", "lines[0].quantity");
        Tenant("order: string quantity", "POST", orders, """{"orderId": "o9", "lines": [{"sku": "p1", "warehouseId": "w1", "quantity": "1"}]}""", "lines[0].quantity");
        Tenant("order: quantity 1000000001", "POST", orders,
            $$"""{"orderId": "o9", "lines": [{{line}}, {"sku": "p1", "warehouseId": "w1", "quantity": 1000000001}]}""", "lines[1].quantity");
        Tenant("order: quantity past int64", "POST", orders,
            $$"""{"orderId": "o9", "lines": [{"sku": "p1", "warehouseId": "w1", "quantity": {{TooBigForInt64}}}]}""", "lines[0].quantity");
        Tenant("order: missing sku", "POST", orders, """{"orderId": "o9", "lines": [{"warehouseId": "w1", "quantity": 1}]}""", "lines[0].sku");
        Tenant("order: warehouseId of 65", "POST", orders,
            $$"""{"orderId": "o9", "lines": [{"sku": "p1", "warehouseId": "{{Id65}}", "quantity": 1}]}""", "lines[0].warehouseId");
        return cases;
    }
}
