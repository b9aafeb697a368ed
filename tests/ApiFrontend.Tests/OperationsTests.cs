using System.Net;
using System.Text.Json;
using Quartermaster.ApiFrontend.Tests.Fixtures;

namespace Quartermaster.ApiFrontend.Tests;

[Collection(ApiCollection.Name)]
public sealed class OperationsTests(ApiFixture fixture)
{
    /// <summary>Every path of the contract (API.md), as the OpenAPI document must name it.</summary>
    public static readonly string[] ContractPaths =
    [
        "/api/v1/admin/tenants",
        "/api/v1/admin/tenants/{tenantId}",
        "/api/v1/admin/tenants/{tenantId}/api-keys",
        "/api/v1/admin/tenants/{tenantId}/api-keys/{keyId}",
        "/api/v1/settings",
        "/api/v1/warehouses",
        "/api/v1/warehouses/{warehouseId}",
        "/api/v1/products",
        "/api/v1/products/{sku}",
        "/api/v1/stock/{sku}",
        "/api/v1/stock/{sku}/{warehouseId}",
        "/api/v1/stock/{sku}/{warehouseId}/receipts",
        "/api/v1/stock/{sku}/{warehouseId}/adjustments",
        "/api/v1/stock/transfers",
        "/api/v1/stock/{sku}/{warehouseId}/movements",
        "/api/v1/stock/{sku}/{warehouseId}/holds",
        "/api/v1/stock/{sku}/{warehouseId}/holds/{holdId}",
        "/api/v1/stock/{sku}/{warehouseId}/holds/{holdId}/commit",
        "/api/v1/orders",
        "/api/v1/orders/{orderId}",
        "/api/v1/orders/{orderId}/confirm",
        "/api/v1/orders/{orderId}/ship",
        "/api/v1/orders/{orderId}/cancel",
        "/livez",
        "/readyz",
        "/health",
    ];

    [Fact]
    public async Task LivezAndReadyzAnswer200()
    {
        using var client = fixture.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/livez")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task HealthReportsStatusVersionTimestampAndTheCluster()
    {
        using var client = fixture.Anonymous();
        var response = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains(health.GetProperty("status").GetString(), new[] { "healthy", "degraded" });
        Assert.False(string.IsNullOrWhiteSpace(health.GetProperty("version").GetString()));
        Assert.True(health.GetProperty("timestamp").TryGetDateTimeOffset(out _), "timestamp is not an ISO 8601 time.");
        var cluster = health.GetProperty("checks").GetProperty("cluster");
        Assert.Equal("healthy", cluster.GetProperty("status").GetString());
    }

    [Fact]
    public async Task OpenApiDocumentNamesEveryContractPathWithSchemas()
    {
        using var client = fixture.Anonymous();
        var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);

        // A group route mapped at "/" appears with a trailing slash; both spell the same path.
        var paths = document.GetProperty("paths").EnumerateObject()
            .Select(p => p.Name.Length > 1 ? p.Name.TrimEnd('/') : p.Name)
            .ToHashSet(StringComparer.Ordinal);
        var missing = ContractPaths.Where(p => !paths.Contains(p)).ToList();
        Assert.True(missing.Count == 0, "Missing from the OpenAPI document: " + string.Join(", ", missing));

        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.EnumerateObject().Any(), "components/schemas is empty.");
        Assert.True(schemas.TryGetProperty("Problem", out _), "components/schemas has no Problem.");
    }

    [Fact]
    public async Task OpenApiDescribesProblemResponsesAndWireEnums()
    {
        var document = await OpenApiAsync();
        var placeOrder = document.GetProperty("paths").GetProperty("/api/v1/orders").GetProperty("post").GetProperty("responses");
        foreach (var status in new[] { "201", "400", "401", "404", "409" })
        {
            Assert.True(placeOrder.TryGetProperty(status, out _), $"POST /api/v1/orders does not declare {status}.");
        }

        Assert.True(placeOrder.GetProperty("409").GetProperty("content").TryGetProperty("application/problem+json", out _));
        var ledgerTypes = document.GetProperty("components").GetProperty("schemas").GetProperty("LedgerEntryType").GetProperty("enum")
            .EnumerateArray().Select(e => e.GetString());
        Assert.Equal(["receipt", "adjustment", "transfer_in", "transfer_out", "hold", "release", "commit", "expire"], ledgerTypes);
    }

    /// <summary>Fields the contract marks optional (`reason?`, `customerRef?`, `ttlSeconds?`, `unit?`, `settings?`, `{name?}`, every PATCH field).</summary>
    [Theory]
    [InlineData("ReceiptRequest", "reason")]
    [InlineData("PlaceOrderRequest", "customerRef")]
    [InlineData("PlaceHoldRequest", "ttlSeconds")]
    [InlineData("PutProductRequest", "unit")]
    [InlineData("CreateTenantRequest", "settings")]
    [InlineData("CreateApiKeyRequest", "name")]
    [InlineData("SettingsPatch", "reservationTtlSeconds")]
    public async Task OptionalRequestFieldsAreNotRequiredInTheSchemas(string schema, string field)
    {
        var document = await OpenApiAsync();
        var definition = document.GetProperty("components").GetProperty("schemas").GetProperty(schema);
        var required = definition.TryGetProperty("required", out var list) ? list.EnumerateArray().Select(e => e.GetString()).ToList() : [];
        Assert.DoesNotContain(field, required);
    }

    private async Task<JsonElement> OpenApiAsync()
    {
        using var client = fixture.Anonymous();
        return JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement.Clone();
    }

    [Fact]
    public async Task MetricsAreServedInPrometheusTextFormat()
    {
        var tenant = await fixture.NewTenantAsync("metrics");
        Assert.Equal(HttpStatusCode.OK, (await tenant.Client.GetAsync("/api/v1/settings")).StatusCode);

        using var client = fixture.Anonymous();
        var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(response.Content.Headers.ContentType?.MediaType, new[] { "text/plain", "application/openmetrics-text" });
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE ", text, StringComparison.Ordinal);
    }
}
