using Quartermaster.ApiFrontend.Tests.Fixtures;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>GET /products?q= and /warehouses?q=: an id prefix or words of the name, case ignored, paged like the plain lists.</summary>
[Collection(ApiCollection.Name)]
public sealed class CatalogSearchTests(ApiFixture fixture)
{
    [Fact]
    public async Task Products_match_a_sku_prefix_or_name_words_and_page_through_every_match()
    {
        var tenant = await fixture.NewTenantAsync("catalog-search");
        foreach (var (sku, name) in new[]
        {
            ("BOLT-M6", "Hex bolt M6 x 30"), ("BOLT-M8", "Hex bolt M8 x 40"), ("NUT-M6", "Hex nut M6"),
            ("WASH-6", "Washer 6 mm, stainless"), ("bolt-cutter", "Bolt cutter 600 mm"),
        })
        {
            await tenant.Client.SendJsonAsync(HttpMethod.Put, $"/api/v1/products/{sku}", new { name, unit = "pcs" });
        }

        Assert.Equal(["BOLT-M6", "BOLT-M8", "bolt-cutter"], await SkusAsync(tenant, "bolt"));
        Assert.Equal(["BOLT-M6", "NUT-M6"], await SkusAsync(tenant, "m6"));
        Assert.Equal(["BOLT-M6", "BOLT-M8", "NUT-M6"], await SkusAsync(tenant, "HEX"));
        Assert.Equal(["BOLT-M8"], await SkusAsync(tenant, "hex bolt m8"));
        Assert.Equal(["WASH-6"], await SkusAsync(tenant, "stain"));
        Assert.Empty(await SkusAsync(tenant, "olt"));

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await tenant.Client.GetOkAsync<Page<Product>>("/api/v1/products?q=bolt&limit=2" + (cursor is null ? "" : "&cursor=" + HttpCalls.Query(cursor)));
            Assert.True(page.Items.Count <= 2);
            seen.AddRange(page.Items.Select(p => p.Sku));
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        Assert.Equal(["BOLT-M6", "BOLT-M8", "bolt-cutter"], seen);

        await (await tenant.Client.GetAsync("/api/v1/products?q=" + new string('x', 201))).AssertValidationAsync("q");
    }

    [Fact]
    public async Task Warehouses_match_an_id_prefix_or_name_words()
    {
        var tenant = await fixture.NewTenantAsync("catalog-search");
        foreach (var (id, name) in new[] { ("ams-1", "Amsterdam North"), ("ams-2", "Amsterdam Port"), ("rtm-1", "Rotterdam Port") })
        {
            await tenant.Client.SendJsonAsync(HttpMethod.Put, $"/api/v1/warehouses/{id}", new { name });
        }

        Assert.Equal(["ams-1", "ams-2"], await WarehouseIdsAsync(tenant, "AMS"));
        Assert.Equal(["ams-2", "rtm-1"], await WarehouseIdsAsync(tenant, "port"));
        Assert.Equal(["ams-1"], await WarehouseIdsAsync(tenant, "amsterdam nor"));
        Assert.Equal(["ams-1", "ams-2", "rtm-1"], await WarehouseIdsAsync(tenant, "  "));
    }

    private static async Task<List<string>> SkusAsync(TestTenant tenant, string q) =>
        [.. (await tenant.Client.GetOkAsync<Page<Product>>("/api/v1/products?q=" + HttpCalls.Query(q))).Items.Select(p => p.Sku)];

    private static async Task<List<string>> WarehouseIdsAsync(TestTenant tenant, string q) =>
        [.. (await tenant.Client.GetOkAsync<Page<WarehouseItem>>("/api/v1/warehouses?q=" + HttpCalls.Query(q))).Items.Select(w => w.WarehouseId)];
}
