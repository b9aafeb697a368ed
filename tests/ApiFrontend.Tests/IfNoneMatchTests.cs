using System.Net;
using Quartermaster.ApiFrontend.Tests.Fixtures;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>
/// If-None-Match as RFC 9110 §13.1.2 reads it: on a write, "*" holds only while the resource does not exist (a PUT
/// that only creates) and a list holds while none of its tags is current, else 412 and nothing changes; on a GET, a
/// tag that is current (compared weakly) or "*" is 304 with the ETag and no body.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class IfNoneMatchTests(ApiFixture fixture)
{
    public static TheoryData<string> Writes() => ConditionalWrites.Writes();

    [Theory]
    [InlineData("/api/v1/warehouses/w-new", """{"name":"First"}""", """{"name":"Second"}""")]
    [InlineData("/api/v1/products/p-new", """{"name":"First"}""", """{"name":"Second"}""")]
    [InlineData("/api/v1/customers/c-new", """{"name":"First","status":"active"}""", """{"name":"Second","status":"active"}""")]
    public async Task A_star_creates_a_resource_that_does_not_exist_and_never_replaces_one(string path, string first, string second)
    {
        var tenant = await fixture.NewTenantAsync("ifnonematch");
        Assert.Equal(HttpStatusCode.Created, (await tenant.Client.SendConditionalAsync(HttpMethod.Put, path, first, "If-None-Match", "*")).StatusCode);

        await (await tenant.Client.SendConditionalAsync(HttpMethod.Put, path, second, "If-None-Match", "*"))
            .AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        var read = await tenant.Client.GetAsync(path);
        Assert.Contains("\"First\"", await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("\"1\"", read.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Of_concurrent_creates_with_a_star_exactly_one_is_stored()
    {
        var tenant = await fixture.NewTenantAsync("ifnonematch");
        var puts = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            tenant.Client.SendConditionalAsync(HttpMethod.Put, "/api/v1/products/p-race", new { name = $"Writer {i}" }, "If-None-Match", "*")));

        Assert.Single(puts, put => put.StatusCode == HttpStatusCode.Created);
        Assert.All(puts.Where(put => put.StatusCode != HttpStatusCode.Created), put => Assert.Equal(HttpStatusCode.PreconditionFailed, put.StatusCode));
        var stored = await tenant.Client.GetOkAsync<Product>("/api/v1/products/p-race");
        var winner = await puts.Single(put => put.StatusCode == HttpStatusCode.Created).ReadAsync<Product>(HttpStatusCode.Created);
        Assert.Equal(winner.Name, stored.Name);
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task A_star_fails_on_a_resource_that_exists_and_changes_nothing(string write)
    {
        var target = await ConditionalWrites.ArrangeAsync(fixture, write);
        var current = await ConditionalWrites.ETagAsync(target);

        await (await target.WriteIfNoneMatch("*")).AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        Assert.Equal(current, await ConditionalWrites.ETagAsync(target));
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task A_list_naming_the_current_tag_weak_or_strong_fails_and_changes_nothing(string write)
    {
        var target = await ConditionalWrites.ArrangeAsync(fixture, write);
        var current = await ConditionalWrites.ETagAsync(target);

        await (await target.WriteIfNoneMatch($"\"999998\", {current}")).AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        await (await target.WriteIfNoneMatch($"W/{current}")).AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        Assert.Equal(current, await ConditionalWrites.ETagAsync(target));
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task A_list_none_of_whose_tags_is_current_holds(string write)
    {
        var target = await ConditionalWrites.ArrangeAsync(fixture, write);
        Assert.True((await target.WriteIfNoneMatch("\"999998\", W/\"999999\"")).IsSuccessStatusCode);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("*, \"1\"")]
    [InlineData("\"abc\"")]
    public async Task An_if_none_match_that_is_not_a_star_or_a_list_of_our_etags_is_refused(string ifNoneMatch)
    {
        var tenant = await fixture.NewTenantAsync("ifnonematch");
        await tenant.PutProductAsync("p1");
        await (await tenant.Client.SendConditionalAsync(HttpMethod.Put, "/api/v1/products/p1", new { name = "x" }, "If-None-Match", ifNoneMatch))
            .AssertValidationAsync("If-None-Match");
        Assert.Equal("Product p1", (await tenant.Client.GetOkAsync<Product>("/api/v1/products/p1")).Name);
    }

    [Theory]
    [InlineData("/api/v1/products/p1")]
    [InlineData("/api/v1/warehouses/w1")]
    [InlineData("/api/v1/stock/p1/w1")]
    [InlineData("/api/v1/stock/p1")]
    [InlineData("/api/v1/orders/o1")]
    [InlineData("/api/v1/settings")]
    public async Task A_get_whose_if_none_match_names_the_current_tag_is_not_modified(string path)
    {
        var tenant = await fixture.NewTenantAsync("ifnonematch");
        await tenant.SeedAsync(["p1"], ["w1"], onHand: 10);
        await (await tenant.PlaceOrderAsync("o1", null, new OrderLine("p1", "w1", 2))).ReadAsync<Order>(HttpStatusCode.Created);
        var current = (await tenant.Client.GetAsync(path)).Headers.ETag!.Tag;

        foreach (var ifNoneMatch in new[] { current, $"W/{current}", $"\"999999\", {current}", "*" })
        {
            var read = await GetAsync(tenant.Client, path, ifNoneMatch);
            Assert.Equal(HttpStatusCode.NotModified, read.StatusCode);
            Assert.Equal(current, read.Headers.ETag?.Tag);
            Assert.Empty(await read.Content.ReadAsByteArrayAsync());
        }

        var changed = await GetAsync(tenant.Client, path, "\"999999\"");
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEmpty(await changed.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_get_of_a_resource_that_does_not_exist_is_404_whatever_if_none_match_says()
    {
        var tenant = await fixture.NewTenantAsync("ifnonematch");
        await (await GetAsync(tenant.Client, "/api/v1/products/missing", "*")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string ifNoneMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return client.SendAsync(request);
    }
}
