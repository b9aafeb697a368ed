using System.IO.Compression;
using System.Net;
using System.Text;
using Quartermaster.ApiFrontend.Tests.Fixtures;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>Requests the endpoints never see (wrong media type, unknown route, wrong method) still get problems, never a 500.</summary>
[Collection(ApiCollection.Name)]
public sealed class HttpEdgeTests(ApiFixture fixture)
{
    [Fact]
    public Task ANonJsonBodyIsUnsupportedMediaType() => NonJsonBodyAsync(requireDetail: false);

    [Fact]
    public Task AnUnknownRouteIsANotFoundProblem() => UnknownRouteAsync(requireDetail: false);

    [Fact]
    public Task AWrongMethodIsAProblem() => WrongMethodAsync(requireDetail: false);

    [Fact]
    public async Task FrameworkProblemsCarryADetailToo()
    {
        await NonJsonBodyAsync(requireDetail: true);
        await UnknownRouteAsync(requireDetail: true);
        await WrongMethodAsync(requireDetail: true);
    }

    [Fact]
    public async Task AMissingBodyIsNamedAsSuchInTheClientsTerms()
    {
        var tenant = await TenantAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/stock/p1/w1/receipts");
        var problem = await (await tenant.Client.SendAsync(request)).AssertValidationAsync("body");
        Assert.Equal("A JSON body is required.", problem.GetProperty("errors").GetProperty("body")[0].GetString());
    }

    /// <summary>A body with a content coding is refused as sent, not read as if plain: nothing is written from it.</summary>
    [Theory]
    [InlineData("gzip", true)]
    [InlineData("br", false)]
    [InlineData("gzip, identity", true)]
    public async Task AnEncodedBodyIsUnsupportedMediaTypeAndWritesNothing(string coding, bool compress)
    {
        var tenant = await fixture.NewTenantAsync("encoded");
        var json = Encoding.UTF8.GetBytes("""{"name": "Encoded", "unit": "pcs"}""");
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/products/enc1")
        {
            Content = new ByteArrayContent(compress ? Gzip(json) : json),
        };
        request.Content.Headers.ContentType = new("application/json");
        foreach (var each in coding.Split(", "))
        {
            request.Content.Headers.ContentEncoding.Add(each);
        }

        var problem = await (await tenant.Client.SendAsync(request)).AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");

        Assert.Contains("Content-Encoding", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await tenant.Client.GetAsync("/api/v1/products/enc1")).StatusCode);
    }

    [Fact]
    public async Task TheIdentityCodingIsABodyAsSent()
    {
        var tenant = await fixture.NewTenantAsync("encoded");
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/products/enc1")
        {
            Content = new StringContent("""{"name": "Plain", "unit": "pcs"}""", Encoding.UTF8, "application/json"),
        };
        request.Content.Headers.ContentEncoding.Add("identity");

        Assert.Equal(HttpStatusCode.Created, (await tenant.Client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task AnEncodedBodySentWhereNoBodyIsReadIsIgnoredLikeAnyOther()
    {
        var tenant = await fixture.NewTenantAsync("encoded");
        await tenant.SeedAsync(["p1"], ["w1"], onHand: 5);
        Assert.Equal(HttpStatusCode.Created, (await tenant.PlaceOrderAsync("o1", null, new OrderLine("p1", "w1", 2))).StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders/o1/confirm") { Content = new ByteArrayContent(Gzip([1, 2, 3])) };
        request.Content.Headers.ContentEncoding.Add("gzip");

        Assert.Equal(HttpStatusCode.OK, (await tenant.Client.SendAsync(request)).StatusCode);
    }

    private static byte[] Gzip(byte[] data)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }

        return compressed.ToArray();
    }

    [Theory]
    [InlineData("/api/v1/products/%C3%A9t%C3%A9", "sku")]
    [InlineData("/api/v1/stock/p1/w1/movements?after=99999999999999999999", "after")]
    [InlineData("/api/v1/orders?createdTo=not-a-time", "createdTo")]
    [InlineData("/api/v1/orders/o%2F1", "orderId")]
    public async Task OddButWellFormedRequestsAreValidated(string path, string field)
    {
        var tenant = await TenantAsync();
        await (await tenant.Client.GetAsync(path)).AssertValidationAsync(field);
    }

    [Theory]
    [InlineData("/livez", "application/json")]
    [InlineData("/api/v1/stock/p1/w1", "application/json")]
    [InlineData("/api/v1/events/stream", "text/event-stream")]
    public async Task HeadAnswersAsGetWithoutTheBody(string path, string mediaType)
    {
        var tenant = await TenantAsync();
        using var get = await tenant.Client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        using var head = await tenant.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal((HttpStatusCode.OK, mediaType), (head.StatusCode, head.Content.Headers.ContentType?.MediaType));
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/api/v1/orders/o1", "GET, HEAD")]
    [InlineData("/api/v1/orders", "GET, HEAD, POST")]
    public async Task AWrongMethodsAllowNamesHeadBesideGet(string path, string allowed)
    {
        var tenant = await TenantAsync();
        using var response = await tenant.Client.SendAsync(new HttpRequestMessage(HttpMethod.Put, path));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(allowed, string.Join(", ", response.Content.Headers.Allow));
    }

    private Task<TestTenant> TenantAsync() => fixture.SharedTenantAsync("edges", t => t.SeedAsync(["p1"], ["w1"]));

    private async Task NonJsonBodyAsync(bool requireDetail)
    {
        var tenant = await TenantAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/stock/p1/w1/receipts")
        {
            Content = new StringContent("""{"movementId": "m1", "quantity": 1}""", Encoding.UTF8, "text/plain"),
        };
        await (await tenant.Client.SendAsync(request)).AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type", requireDetail);
        Assert.Equal(0, (await tenant.StockAsync("p1", "w1")).Version);
    }

    private async Task UnknownRouteAsync(bool requireDetail)
    {
        var tenant = await TenantAsync();
        await (await tenant.Client.GetAsync("/api/v1/nothing-here")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found", requireDetail);
    }

    private async Task WrongMethodAsync(bool requireDetail)
    {
        var tenant = await TenantAsync();
        await (await tenant.Client.DeleteAsync("/api/v1/orders")).AssertProblemAsync(HttpStatusCode.MethodNotAllowed, "method_not_allowed", requireDetail);
    }
}
