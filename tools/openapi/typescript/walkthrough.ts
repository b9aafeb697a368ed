// The README walkthrough through a client generated from the served OpenAPI document (openapi-typescript types,
// openapi-fetch calls). It must compile under `tsc --strict` and reach the expected results against a running service.
// Usage: node walkthrough.js <base URL> <admin key> <tenant id>
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/schema.js";

type Problem = components["schemas"]["Problem"];

const [baseUrl, adminKey, tenantId] = process.argv.slice(2);
if (!baseUrl || !adminKey || !tenantId) {
  throw new Error("usage: walkthrough.js <base URL> <admin key> <tenant id>");
}

function expect(condition: boolean, what: string): void {
  if (!condition) {
    throw new Error(`walkthrough (TypeScript): expected ${what}`);
  }
  console.log(`ok: ${what}`);
}

function must<T>(result: { data?: T; error?: unknown; response: Response }, what: string): T {
  if (result.data === undefined) {
    throw new Error(`walkthrough (TypeScript): ${what} answered ${result.response.status}: ${JSON.stringify(result.error)}`);
  }
  return result.data;
}

const admin = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${adminKey}` } });

// 1. A tenant and an API key for it
const tenant = must(await admin.POST("/api/v1/admin/tenants", { body: { tenantId, name: "Acme Ltd" } }), "create tenant");
expect(tenant.tenantId === tenantId && tenant.settings.reservationTtlSeconds === 900, "the tenant with default settings");
const created = must(await admin.POST("/api/v1/admin/tenants/{tenantId}/api-keys", {
  params: { path: { tenantId } },
  body: { name: "backend" },
}), "create API key");
expect(created.key.length > 0, "an API key");

const api = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${created.key}` } });

// 2. Catalog: a warehouse and a product
const warehouse = must(await api.PUT("/api/v1/warehouses/{warehouseId}", {
  params: { path: { warehouseId: "berlin" } },
  body: { name: "Berlin DC" },
}), "put warehouse");
expect(warehouse.warehouseId === "berlin", "the warehouse");
must(await api.PUT("/api/v1/products/{sku}", { params: { path: { sku: "chair-01" } }, body: { name: "Office chair", unit: "piece" } }), "put product");

// 3. Receive 20 chairs
const received = must(await api.POST("/api/v1/stock/{sku}/{warehouseId}/receipts", {
  params: { path: { sku: "chair-01", warehouseId: "berlin" } },
  body: { movementId: "grn-1001", quantity: 20, reason: "purchase order 1001" },
}), "receipt");
expect(received.onHand === 20 && received.available === 20, "onHand 20 after the receipt");

// 4. An order reserves its lines; confirm it, ship it
const order = must(await api.POST("/api/v1/orders", {
  params: { header: { "Idempotency-Key": `order-5001-${tenantId}` } },
  body: { orderId: "so-5001", customerRef: "cust-42", lines: [{ sku: "chair-01", warehouseId: "berlin", quantity: 3 }] },
}), "place order");
expect(order.status === "reserved" && order.lines.length === 1, "a reserved order");
const confirmed = must(await api.POST("/api/v1/orders/{orderId}/confirm", { params: { path: { orderId: "so-5001" } } }), "confirm");
expect(confirmed.status === "confirmed", "a confirmed order");
const shipped = must(await api.POST("/api/v1/orders/{orderId}/ship", { params: { path: { orderId: "so-5001" } } }), "ship");
expect(shipped.status === "shipped" && shipped.history.length === 3, "a shipped order with three history entries");

// 5. Stock is now onHand 17, reserved 0
const stock = must(await api.GET("/api/v1/stock/{sku}/{warehouseId}", { params: { path: { sku: "chair-01", warehouseId: "berlin" } } }), "stock");
expect(stock.onHand === 17 && stock.reserved === 0 && stock.available === 17, "onHand 17, reserved 0, available 17");

// 6. Lists take a typed limit (an integer) and status (an enum)
const list = must(await api.GET("/api/v1/orders", { params: { query: { limit: 10, status: "shipped" } } }), "list orders");
expect(list.items.length === 1 && list.items[0]?.orderId === "so-5001" && list.nextCursor === null, "one shipped order in the list");
const movements = must(await api.GET("/api/v1/stock/{sku}/{warehouseId}/movements", {
  params: { path: { sku: "chair-01", warehouseId: "berlin" }, query: { limit: 10 } },
}), "movements");
expect(movements.items.some((entry) => entry.type === "commit"), "a commit entry in the ledger");

// 7. Asking for more than is available is a typed problem
const short = await api.POST("/api/v1/orders", {
  body: { orderId: "so-5002", lines: [{ sku: "chair-01", warehouseId: "berlin", quantity: 500 }] },
});
const problem: Problem | undefined = short.error;
expect(short.response.status === 409 && problem?.code === "insufficient_stock", "409 insufficient_stock");
expect(problem?.lines?.[0]?.available === 17, "the short line with its available quantity");
console.log("walkthrough (TypeScript): OK");
