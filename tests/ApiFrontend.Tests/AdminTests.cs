using System.Net;
using System.Text.Json;
using Quartermaster.ApiFrontend.Tests.Fixtures;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>Tenants and their keys through the admin API.</summary>
[Collection(ApiCollection.Name)]
public sealed class AdminTests(ApiFixture fixture)
{
    [Fact]
    public async Task ATenantIsCreatedWithItsSettingsAndCanBeRead()
    {
        using var admin = fixture.Admin();
        var tenantId = TestTenant.NewId("admin");
        var created = await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/admin/tenants",
            new { tenantId, name = "Acme", settings = new { reservationTtlSeconds = 120 } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.EndsWith($"/api/v1/admin/tenants/{tenantId}", created.Headers.Location?.ToString(), StringComparison.Ordinal);

        var read = await admin.GetAsync($"/api/v1/admin/tenants/{tenantId}");
        Assert.NotNull(read.Headers.ETag);
        var tenant = JsonDocument.Parse(await read.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(("Acme", 120), (tenant.GetProperty("name").GetString(), tenant.GetProperty("settings").GetProperty("reservationTtlSeconds").GetInt32()));
        await (await admin.GetAsync($"/api/v1/admin/tenants/{TestTenant.NewId("nobody")}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/admin/tenants/{TestTenant.NewId("nobody")}/api-keys", new { name = "k" }))
            .AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task TwoKeysWorkAtOnceAndARevokedKeyIsRefused()
    {
        var tenant = await fixture.NewTenantAsync("keys");
        using var admin = fixture.Admin();
        var second = await (await admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/admin/tenants/{tenant.Id}/api-keys", new { name = "second" }))
            .ReadAsync<CreatedKey>(HttpStatusCode.Created);
        Assert.NotEqual(tenant.Key, second.Key);
        using var secondClient = fixture.WithKey(second.Key);
        Assert.Equal(HttpStatusCode.OK, (await tenant.Client.GetAsync("/api/v1/settings")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await secondClient.GetAsync("/api/v1/settings")).StatusCode);

        // A key revoked before its first use: no frontend has it cached, so it is refused at once.
        var third = await (await admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/admin/tenants/{tenant.Id}/api-keys", body: "{}"))
            .ReadAsync<CreatedKey>(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/admin/tenants/{tenant.Id}/api-keys/{third.KeyId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/admin/tenants/{tenant.Id}/api-keys/{third.KeyId}")).StatusCode);
        using var thirdClient = fixture.WithKey(third.Key);
        await (await thirdClient.GetAsync("/api/v1/settings")).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");

        var activeKey = await admin.GetAsync($"/api/v1/admin/tenants/{tenant.Id}/api-keys/{second.KeyId}");
        var revokedKey = await admin.GetAsync($"/api/v1/admin/tenants/{tenant.Id}/api-keys/{third.KeyId}");
        var activeBody = await activeKey.ReadOkAsync<JsonElement>();
        Assert.Equal((second.KeyId, "second", JsonValueKind.Null),
            (activeBody.GetProperty("keyId").GetString(), activeBody.GetProperty("name").GetString(), activeBody.GetProperty("revokedAt").ValueKind));
        Assert.False(activeBody.TryGetProperty("key", out _));
        Assert.NotEqual(JsonValueKind.Null, (await revokedKey.ReadOkAsync<JsonElement>()).GetProperty("revokedAt").ValueKind);
        Assert.NotEqual(activeKey.Headers.ETag, revokedKey.Headers.ETag);
        Assert.NotNull(activeKey.Headers.ETag);
        await (await admin.GetAsync($"/api/v1/admin/tenants/{tenant.Id}/api-keys/key_nope")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        var keys = JsonDocument.Parse(await admin.GetStringAsync($"/api/v1/admin/tenants/{tenant.Id}/api-keys")).RootElement.GetProperty("items");
        Assert.Equal(3, keys.GetArrayLength());
        Assert.DoesNotContain(tenant.Key, keys.ToString(), StringComparison.Ordinal);
        Assert.Single(keys.EnumerateArray(), k => k.GetProperty("revokedAt").ValueKind != JsonValueKind.Null);
        await (await admin.DeleteAsync($"/api/v1/admin/tenants/{tenant.Id}/api-keys/nope")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_replayed_key_creation_returns_the_same_key_and_makes_no_second_one()
    {
        var tenant = await fixture.NewTenantAsync("keys-idem");
        using var admin = fixture.Admin();
        var path = $"/api/v1/admin/tenants/{tenant.Id}/api-keys";
        var first = await (await admin.SendJsonAsync(HttpMethod.Post, path, new { name = "ci" }, idempotencyKey: "key-1"))
            .ReadAsync<CreatedKey>(HttpStatusCode.Created);
        var replay = await admin.SendJsonAsync(HttpMethod.Post, path, new { name = "ci" }, idempotencyKey: "key-1");

        Assert.Equal(first, await replay.ReadAsync<CreatedKey>(HttpStatusCode.Created));
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        using var replayedKeyClient = fixture.WithKey(first.Key);
        Assert.Equal(HttpStatusCode.OK, (await replayedKeyClient.GetAsync("/api/v1/settings")).StatusCode);
        var keys = JsonDocument.Parse(await admin.GetStringAsync(path)).RootElement.GetProperty("items");
        Assert.Equal(2, keys.GetArrayLength());
    }

    [Fact]
    public async Task ApiKeysPageThroughEveryKeyOnceOldestFirst()
    {
        var tenant = await fixture.NewTenantAsync("keys-list");
        using var admin = fixture.Admin();
        var path = $"/api/v1/admin/tenants/{tenant.Id}/api-keys";
        foreach (var name in new[] { "a", "b", "c", "d" })
        {
            await (await admin.SendJsonAsync(HttpMethod.Post, path, new { name })).ReadAsync<CreatedKey>(HttpStatusCode.Created);
        }

        var all = await admin.GetOkAsync<Page<JsonElement>>(path);
        Assert.Equal(5, all.Items.Count);
        Assert.Null(all.NextCursor);

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await admin.GetOkAsync<Page<JsonElement>>($"{path}?limit=2" + (cursor is null ? string.Empty : "&cursor=" + HttpCalls.Query(cursor)));
            Assert.InRange(page.Items.Count, 1, 2);
            seen.AddRange(page.Items.Select(k => k.GetProperty("keyId").GetString()!));
            cursor = page.NextCursor;
            Assert.True(++pages <= 3, "More pages than 5 keys at 2 a page need.");
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(all.Items.Select(k => k.GetProperty("keyId").GetString()!), seen);
        var order = all.Items.Select(k => (k.GetProperty("createdAt").GetDateTimeOffset(), k.GetProperty("keyId").GetString()!)).ToList();
        Assert.Equal(order.OrderBy(k => k.Item1).ThenBy(k => k.Item2, StringComparer.Ordinal), order);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("limit=abc", "limit")]
    [InlineData("cursor=zzz", "cursor")]
    [InlineData("cursor=!!", "cursor")]
    [InlineData("cursor=a2V5X25vbmU", "cursor")]
    public async Task BadApiKeyListParametersAreNamed(string query, string field)
    {
        var tenant = await fixture.NewTenantAsync("keys-list");
        using var admin = fixture.Admin();
        await (await admin.GetAsync($"/api/v1/admin/tenants/{tenant.Id}/api-keys?{query}")).AssertValidationAsync(field);
    }

    [Fact]
    public async Task TheInvariantCheckerFindsNothingWrongAfterWork()
    {
        var tenant = await fixture.NewTenantAsync("inv");
        await tenant.SeedAsync(["p1", "p2"], ["w1"], onHand: 5);
        Assert.Equal(HttpStatusCode.Created, (await tenant.PlaceOrderAsync("o1", null, new OrderLine("p1", "w1", 2), new OrderLine("p2", "w1", 1))).StatusCode);
        using var admin = fixture.Admin();
        var report = JsonDocument.Parse(await admin.GetStringAsync($"/api/v1/admin/tenants/{tenant.Id}/invariants")).RootElement;
        Assert.True(report.GetProperty("ok").GetBoolean(), report.ToString());
        Assert.Equal(2, report.GetProperty("stockItemsChecked").GetInt32());
    }
}
