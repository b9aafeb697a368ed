using System.Net;
using Quartermaster.ApiFrontend.Tests.Fixtures;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>A warehouse is read where its PUT's Location points, with an ETag its next PUT can be conditional on.</summary>
[Collection(ApiCollection.Name)]
public sealed class WarehouseTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_created_warehouse_is_read_at_its_location_and_its_etag_guards_the_next_put()
    {
        var tenant = await fixture.NewTenantAsync("warehouse-get");
        var created = await tenant.Client.SendJsonAsync(HttpMethod.Put, "/api/v1/warehouses/berlin", new { name = "Berlin" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var location = created.Headers.Location!.OriginalString;
        Assert.Equal("/api/v1/warehouses/berlin", location);

        var read = await tenant.Client.GetAsync(location);
        var etag = read.Headers.ETag!.Tag;
        Assert.Equal(new WarehouseItem("berlin", "Berlin"), await read.ReadOkAsync<WarehouseItem>());

        Assert.Equal(HttpStatusCode.OK, (await tenant.Client.SendJsonAsync(HttpMethod.Put, location, new { name = "Berlin Mitte" }, ifMatch: etag)).StatusCode);
        await (await tenant.Client.SendJsonAsync(HttpMethod.Put, location, new { name = "Berlin Ost" }, ifMatch: etag))
            .AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        Assert.Equal("Berlin Mitte", (await tenant.Client.GetOkAsync<WarehouseItem>(location)).Name);

        await (await tenant.Client.GetAsync("/api/v1/warehouses/munich")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await tenant.Client.GetAsync("/api/v1/warehouses/bad%20id")).AssertValidationAsync("warehouseId");
        var other = await fixture.NewTenantAsync("warehouse-get-other");
        await (await other.Client.GetAsync(location)).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }
}
