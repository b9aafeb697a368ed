using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Quartermaster.ApiFrontend.Tests.Contract;
using Quartermaster.ApiFrontend.Tests.Fixtures;
using Quartermaster.Grains.Abstractions.Tenants;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>
/// A frontend whose tenant's key and settings grains stop answering (their silo frozen) while the rest of the
/// cluster answers: a key and settings read recently keep serving, for a bounded time, and never a revoked key.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class StaleIfErrorTests(ApiFixture fixture)
{
    [Fact]
    public async Task AKeyAndSettingsReadRecentlyKeepServingWhileTheirGrainsAreUnreachableButNotPastTheBound()
    {
        var tenant = await fixture.NewTenantAsync("stale");
        var (frontend, cluster, clock) = PartlyReachableFrontend();
        using var _ = frontend;
        using var client = WithKey(frontend, tenant.Key);
        Assert.Equal(HttpStatusCode.Created, (await PutProductAsync(client, "stale-1")).StatusCode);

        cluster.CutOff(typeof(IApiKeyGrain), typeof(ITenantGrain));
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.Created, (await PutProductAsync(client, "stale-2")).StatusCode);

        clock.Advance(TimeSpan.FromMinutes(6));
        await (await PutProductAsync(client, "stale-3")).AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "unavailable");
    }

    [Fact]
    public async Task ARevokedKeyIsRefusedEvenWhileItsGrainIsUnreachable()
    {
        var tenant = await fixture.NewTenantAsync("stale-revoked");
        var (frontend, cluster, clock) = PartlyReachableFrontend();
        using var _ = frontend;
        using var client = WithKey(frontend, tenant.Key);
        Assert.Equal(HttpStatusCode.Created, (await PutProductAsync(client, "revoked-1")).StatusCode);

        using var admin = fixture.Admin();
        var keys = await (await admin.GetAsync($"/api/v1/admin/tenants/{tenant.Id}/api-keys")).ReadAsync<KeyList>(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/admin/tenants/{tenant.Id}/api-keys/{keys.Items[0].KeyId}")).StatusCode);
        cluster.CutOff(typeof(IApiKeyGrain));

        // The revoked-key list is read every second: the next reads refuse the key though its grain cannot say so.
        await Eventually.TrueAsync(async () =>
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            return (await PutProductAsync(client, "revoked-2")).StatusCode == HttpStatusCode.Unauthorized;
        }, TimeSpan.FromSeconds(10), "the revoked key refused");
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.Unauthorized, (await PutProductAsync(client, "revoked-3")).StatusCode);
    }

    [Fact]
    public async Task CachedKeysAreNotTrustedOnceTheRevokedKeyListCannotBeReadForLong()
    {
        var tenant = await fixture.NewTenantAsync("stale-blind");
        var (frontend, cluster, clock) = PartlyReachableFrontend();
        using var _ = frontend;
        using var client = WithKey(frontend, tenant.Key);
        Assert.Equal(HttpStatusCode.Created, (await PutProductAsync(client, "blind-1")).StatusCode);

        cluster.CutOff(typeof(IApiKeyGrain), typeof(IApiKeyDirectoryGrain));
        clock.Advance(TimeSpan.FromSeconds(31));
        await (await PutProductAsync(client, "blind-2")).AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "unavailable");
    }

    private (WebApplicationFactory<Program> Frontend, PartlyReachableCluster Cluster, FakeTimeProvider Clock) PartlyReachableFrontend()
    {
        var (grains, control) = PartlyReachableCluster.Create(fixture.Grains);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var frontend = fixture.Factory.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
        {
            services.AddSingleton(grains);
            services.AddSingleton<TimeProvider>(clock);
        }));
        return (frontend, control, clock);
    }

    private static HttpClient WithKey(WebApplicationFactory<Program> frontend, string key)
    {
        var client = frontend.CreateCheckedClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        return client;
    }

    private static Task<HttpResponseMessage> PutProductAsync(HttpClient client, string sku) =>
        client.SendJsonAsync(HttpMethod.Put, $"/api/v1/products/{sku}", new { name = sku });

    private sealed record KeyList(List<KeyInfo> Items);

    private sealed record KeyInfo(string KeyId);
}
