using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Quartermaster.Bench.Workloads;

/// <summary>The API requests the workloads send, built from pre-formatted JSON to keep the client cheap.</summary>
internal static class Requests
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public static HttpRequestMessage Hold(Engine engine, string sku, string warehouse, string holdId) =>
        Post($"{engine.ApiPrefix}/stock/{sku}/{warehouse}/holds",
            $$"""{"holdId":"{{holdId}}","quantity":1,"ttlSeconds":604800}""");

    public static HttpRequestMessage Order(Engine engine, string orderId, IReadOnlyList<(string Sku, string Warehouse)> lines) =>
        Post($"{engine.ApiPrefix}/orders",
            $$"""{"orderId":"{{orderId}}","lines":[{{string.Join(',', lines.Select(l => $$"""{"sku":"{{l.Sku}}","warehouseId":"{{l.Warehouse}}","quantity":1}"""))}}]}""");

    public static HttpRequestMessage Confirm(Engine engine, string orderId) => Post($"{engine.ApiPrefix}/orders/{orderId}/confirm", null);

    public static HttpRequestMessage Ship(Engine engine, string orderId) => Post($"{engine.ApiPrefix}/orders/{orderId}/ship", null);

    public static HttpRequestMessage Read(Engine engine, string sku, string warehouse) =>
        new(HttpMethod.Get, $"{engine.ApiPrefix}/stock/{sku}/{warehouse}");

    public static HttpRequestMessage Receipt(Engine engine, string sku, string warehouse, string movementId, long quantity) =>
        Post($"{engine.ApiPrefix}/stock/{sku}/{warehouse}/receipts", $$"""{"movementId":"{{movementId}}","quantity":{{quantity}}}""");

    public static HttpRequestMessage Product(string sku, string name) =>
        Send(HttpMethod.Put, $"/api/v1/products/{Uri.EscapeDataString(sku)}", JsonSerializer.Serialize(new { name, unit = "pcs" }));

    private static HttpRequestMessage Post(string path, string? json) => Send(HttpMethod.Post, path, json);

    private static HttpRequestMessage Send(HttpMethod method, string path, string? json) => new(method, path)
    {
        Content = json is null ? null : new ByteArrayContent(Encoding.UTF8.GetBytes(json)) { Headers = { ContentType = Json } },
    };
}
