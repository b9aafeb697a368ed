using Quartermaster.ApiFrontend.Tests.Fixtures;
using Quartermaster.Client.Contracts;

namespace Quartermaster.ApiFrontend.Tests.Client;

/// <summary>A tenant's API keys through the typed client, a page at a time.</summary>
[Collection(ApiCollection.Name)]
public sealed class ClientApiKeysTests(ApiFixture fixture)
{
    [Fact]
    public async Task Keys_are_listed_a_page_at_a_time_and_enumerated_whole()
    {
        var tenantId = TestTenant.NewId("client-keys");
        using var admin = new ClientHost(fixture, ApiFactory.AdminKey);
        await admin.Client.Admin.CreateTenantAsync(new CreateTenantRequest { TenantId = tenantId, Name = "Keys" });
        var created = new List<string>();
        foreach (var name in new[] { "a", "b", "c" })
        {
            created.Add((await admin.Client.Admin.CreateApiKeyAsync(tenantId, new CreateApiKeyRequest { Name = name })).KeyId);
        }

        var first = await admin.Client.Admin.ListApiKeysAsync(tenantId, limit: 2);
        Assert.Equal(2, first.Items.Count);
        var second = await admin.Client.Admin.ListApiKeysAsync(tenantId, limit: 2, cursor: first.NextCursor);
        Assert.Single(second.Items);
        Assert.Null(second.NextCursor);

        var whole = await admin.Client.Admin.ListApiKeysAsync(tenantId);
        Assert.Equal(first.Items.Concat(second.Items).Select(k => k.KeyId), whole.Items.Select(k => k.KeyId));
        var enumerated = new List<string>();
        await foreach (var key in admin.Client.Admin.EnumerateApiKeysAsync(tenantId, pageSize: 1))
        {
            enumerated.Add(key.KeyId);
        }

        Assert.Equal(whole.Items.Select(k => k.KeyId), enumerated);
        Assert.Equal(created.Order(StringComparer.Ordinal), enumerated.Order(StringComparer.Ordinal));
    }
}
