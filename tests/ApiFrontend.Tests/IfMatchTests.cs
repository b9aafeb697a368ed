using System.Net;
using Quartermaster.ApiFrontend.Tests.Fixtures;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>
/// If-Match as RFC 9110 §13.1.1 reads it, on every write that honours it: "*" holds only while the resource exists,
/// a weak tag never matches (the comparison is strong), and a list holds when any of its tags is the current one.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class IfMatchTests(ApiFixture fixture)
{
    public static TheoryData<string> Writes() => ConditionalWrites.Writes();

    [Theory]
    [InlineData("/api/v1/warehouses/w-new", """{"name":"New"}""")]
    [InlineData("/api/v1/products/p-new", """{"name":"New"}""")]
    [InlineData("/api/v1/customers/c-new", """{"name":"New","status":"active"}""")]
    public async Task A_star_on_a_resource_that_does_not_exist_fails_and_creates_nothing(string path, string body)
    {
        var tenant = await fixture.NewTenantAsync("ifmatch");
        await (await tenant.Client.SendJsonAsync(HttpMethod.Put, path, body, ifMatch: "*"))
            .AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        await (await tenant.Client.GetAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        Assert.Equal(HttpStatusCode.Created, (await tenant.Client.SendJsonAsync(HttpMethod.Put, path, body)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task A_star_holds_whatever_the_version_of_a_resource_that_exists(string write)
    {
        var target = await ConditionalWrites.ArrangeAsync(fixture, write);
        Assert.True((await target.Write("*")).IsSuccessStatusCode);
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task A_weak_tag_never_matches_even_the_current_version(string write)
    {
        var target = await ConditionalWrites.ArrangeAsync(fixture, write);
        var current = await ConditionalWrites.ETagAsync(target);

        await (await target.Write("W/" + current)).AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        Assert.Equal(current, await ConditionalWrites.ETagAsync(target));
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task A_list_holds_when_any_of_its_tags_is_current(string write)
    {
        var target = await ConditionalWrites.ArrangeAsync(fixture, write);
        var current = await ConditionalWrites.ETagAsync(target);

        Assert.True((await target.Write($"\"999998\", W/{current}, {current}")).IsSuccessStatusCode);
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task A_list_none_of_whose_tags_is_current_fails_and_changes_nothing(string write)
    {
        var target = await ConditionalWrites.ArrangeAsync(fixture, write);
        var current = await ConditionalWrites.ETagAsync(target);

        await (await target.Write($"\"999998\",\"999999\", W/{current}")).AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        Assert.Equal(current, await ConditionalWrites.ETagAsync(target));
    }

    [Theory]
    [InlineData("*, \"1\"")]
    [InlineData("\"1\" \"2\"")]
    [InlineData("\"1")]
    [InlineData("\"1\", 2")]
    [InlineData("\"abc\"")]
    [InlineData(",")]
    public async Task An_if_match_that_is_not_a_star_or_a_list_of_our_etags_is_refused(string ifMatch)
    {
        var tenant = await fixture.NewTenantAsync("ifmatch");
        await tenant.PutProductAsync("p1");
        await (await tenant.Client.SendJsonAsync(HttpMethod.Put, "/api/v1/products/p1", new { name = "x" }, ifMatch: ifMatch))
            .AssertValidationAsync("If-Match");
        Assert.Equal("Product p1", (await tenant.Client.GetOkAsync<Product>("/api/v1/products/p1")).Name);
    }
}
