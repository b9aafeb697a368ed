using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Quartermaster.ApiFrontend.Tests.Fixtures;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>
/// Kestrel's limits on a body: one that stops arriving is cut off by the minimum data rate (408 `request_timeout`),
/// one over the size limit is refused (413 `payload_too_large`). Every operation that reads a body declares both,
/// and so does every POST, since the Idempotency-Key fingerprint reads whatever body comes: the document once
/// declared 408 nowhere and 413 only where the endpoint itself takes a body. Runs on a real Kestrel, whose limits these are.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class KestrelBodyLimitTests(ApiFixture fixture)
{
    private const int MaxBody = 1000;

    [Theory]
    [InlineData("PUT", "/api/v1/warehouses/slow", "/api/v1/warehouses/{warehouseId}", null)]
    [InlineData("POST", "/api/v1/orders/never/cancel", "/api/v1/orders/{orderId}/cancel", "slow-key")]
    public async Task ABodyThatStopsArrivingIsADeclared408(string method, string path, string template, string? idempotencyKey)
    {
        var answer = await SendAsync(method, path, idempotencyKey, declaredLength: MaxBody - 1, sent: "{\"name\":");
        Assert.StartsWith("HTTP/1.1 408 ", answer, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"request_timeout\"", answer, StringComparison.Ordinal);
        var declared = await AssertDeclaredAsync(template, method, "408");

        // Nothing of it is kept for the key (the body never arrived, so no fingerprint): a retry never replays it.
        Assert.Null(declared["headers"]?["Idempotent-Replayed"]);
    }

    [Fact]
    public async Task ABodyOverTheLimitOnAPostThatTakesNoneIsADeclared413()
    {
        var body = new string('a', MaxBody + 1);
        var answer = await SendAsync("POST", "/api/v1/orders/never/confirm", "big-key", body.Length, body);
        Assert.StartsWith("HTTP/1.1 413 ", answer, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"payload_too_large\"", answer, StringComparison.Ordinal);
        await AssertDeclaredAsync("/api/v1/orders/{orderId}/confirm", "POST", "413");
    }

    /// <summary>Sends the head and what there is of the body on a raw connection, and reads the answer until the server closes.</summary>
    private async Task<string> SendAsync(string method, string path, string? idempotencyKey, int declaredLength, string sent)
    {
        var tenant = await fixture.NewTenantAsync("bodylimit");
        using var kestrel = fixture.Factory.WithWebHostBuilder(_ => { });
        kestrel.UseKestrel(options =>
        {
            options.Listen(IPAddress.Loopback, 0);
            options.Limits.MaxRequestBodySize = MaxBody;
            options.Limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(2));
        });
        kestrel.StartServer();
        var address = kestrel.CreateClient().BaseAddress!;

        using var socket = new TcpClient();
        await socket.ConnectAsync(address.Host, address.Port);
        var stream = socket.GetStream();
        var head = $"{method} {path} HTTP/1.1\r\nHost: {address.Authority}\r\nAuthorization: Bearer {tenant.Key}\r\n"
                   + (idempotencyKey is null ? "" : $"Idempotency-Key: {idempotencyKey}\r\n")
                   + $"Content-Type: application/json\r\nContent-Length: {declaredLength}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head + sent));
        stream.ReadTimeout = 30_000;
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadToEndAsync();
    }

    private async Task<JsonNode> AssertDeclaredAsync(string template, string method, string status)
    {
        var operation = (await fixture.ContractAsync()).Document["paths"]![template]![method.ToLowerInvariant()]!;
        var response = operation["responses"]?[status];
        Assert.Equal("#/components/schemas/Problem", response?["content"]?["application/problem+json"]?["schema"]?["$ref"]?.GetValue<string>());
        return response!;
    }
}
