using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Quartermaster.ApiFrontend.Tests.Fixtures;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>
/// A body that stops arriving is cut off by Kestrel's minimum data rate, and the frontend answers 408
/// `request_timeout`. Every operation that reads a body (and every POST, whose Idempotency-Key fingerprint reads it)
/// declares that answer: the document once declared 408 nowhere. Runs on a real Kestrel, which the rate belongs to.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SlowBodyTests(ApiFixture fixture)
{
    [Theory]
    [InlineData("PUT", "/api/v1/warehouses/slow", null)]
    [InlineData("POST", "/api/v1/orders/never/cancel", "slow-key")]
    public async Task ABodyThatStopsArrivingIsADeclared408(string method, string path, string? idempotencyKey)
    {
        var tenant = await fixture.NewTenantAsync("slowbody");
        using var kestrel = fixture.Factory.WithWebHostBuilder(_ => { });
        kestrel.UseKestrel(options =>
        {
            options.Listen(IPAddress.Loopback, 0);
            options.Limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(2));
        });
        kestrel.StartServer();
        var address = kestrel.CreateClient().BaseAddress!;

        using var socket = new TcpClient();
        await socket.ConnectAsync(address.Host, address.Port);
        var stream = socket.GetStream();
        var head = $"{method} {path} HTTP/1.1\r\nHost: {address.Authority}\r\nAuthorization: Bearer {tenant.Key}\r\n"
                   + (idempotencyKey is null ? "" : $"Idempotency-Key: {idempotencyKey}\r\n")
                   + "Content-Type: application/json\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n{\"name\":";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));

        // The rest of the body never comes; the server answers and closes.
        stream.ReadTimeout = 30_000;
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var answer = await reader.ReadToEndAsync();
        Assert.StartsWith("HTTP/1.1 408 ", answer, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"request_timeout\"", answer, StringComparison.Ordinal);

        var operation = (await fixture.ContractAsync()).Document["paths"]![path.StartsWith("/api/v1/warehouses", StringComparison.Ordinal)
            ? "/api/v1/warehouses/{warehouseId}" : "/api/v1/orders/{orderId}/cancel"]![method.ToLowerInvariant()]!;
        Assert.Equal("#/components/schemas/Problem",
            operation["responses"]?["408"]?["content"]?["application/problem+json"]?["schema"]?["$ref"]?.GetValue<string>());
    }
}
