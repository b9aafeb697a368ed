using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Quartermaster.ApiFrontend.Tests.Contract;
using Quartermaster.ApiFrontend.Tests.Fixtures;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>A frontend that cannot reach its cluster: 503 unavailable with Retry-After, not ready, but alive.</summary>
[Collection(ApiCollection.Name)]
public sealed class UnavailableTests(ApiFixture fixture)
{
    [Fact]
    public async Task AFrontendCutOffFromTheClusterAnswersUnavailable()
    {
        var tenant = await fixture.NewTenantAsync("cutoff");
        using var cutOff = fixture.Factory.WithWebHostBuilder(builder =>
            builder.ConfigureServices(services => services.AddSingleton(FailingCluster<UnreachableGrain>.Create())));

        using var admin = cutOff.CreateCheckedClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", ApiFactory.AdminKey);
        await AssertUnavailableAsync(await admin.GetAsync($"/api/v1/admin/tenants/{tenant.Id}"));
        await AssertUnavailableAsync(await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/admin/tenants", new { tenantId = "x", name = "x" }, idempotencyKey: "k1"));

        using var client = cutOff.CreateCheckedClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", tenant.Key);
        await AssertUnavailableAsync(await client.GetAsync("/api/v1/settings"));

        using var anonymous = cutOff.CreateCheckedClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/livez")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await anonymous.GetAsync("/readyz")).StatusCode);
        var health = await anonymous.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("unhealthy", body.GetProperty("status").GetString());
        Assert.Equal("unhealthy", body.GetProperty("checks").GetProperty("cluster").GetProperty("status").GetString());

        // The real frontend, still connected, is unaffected.
        Assert.Equal(HttpStatusCode.OK, (await tenant.Client.GetAsync("/api/v1/settings")).StatusCode);
    }

    /// <summary>
    /// While PostgreSQL is down the silos still answer, each call with its store's failure, and the frontend answers
    /// 503 with Retry-After. Its readiness once failed too (the cluster check reads the membership table), so a load
    /// balancer took every frontend out of service and clients got its bare error instead of the problem.
    /// </summary>
    [Fact]
    public async Task AFrontendWhoseClusterCannotReachItsDatabaseStaysReadyAndAnswersUnavailable()
    {
        var tenant = await fixture.NewTenantAsync("storedown");
        using var storeDown = fixture.Factory.WithWebHostBuilder(builder =>
            builder.ConfigureServices(services => services.AddSingleton(FailingCluster<StoreDownGrain>.Create())));

        using var client = storeDown.CreateCheckedClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", tenant.Key);
        await AssertUnavailableAsync(await client.GetAsync("/api/v1/settings"));

        using var anonymous = storeDown.CreateCheckedClient();
        var ready = await anonymous.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var cluster = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks").GetProperty("cluster");
        Assert.Equal("degraded", cluster.GetProperty("status").GetString());
        Assert.Contains("membership table", cluster.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    /// <summary>A silo whose store's breaker is open answers every call with StoreDownException: a 503 like any outage.</summary>
    [Fact]
    public async Task AStoreKnownDownIsAnsweredUnavailableWithRetryAfter()
    {
        var tenant = await fixture.NewTenantAsync("breakeropen");
        using var breakerOpen = fixture.Factory.WithWebHostBuilder(builder =>
            builder.ConfigureServices(services => services.AddSingleton(FailingCluster<BreakerOpenGrain>.Create())));

        using var client = breakerOpen.CreateCheckedClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", tenant.Key);
        await AssertUnavailableAsync(await client.GetAsync("/api/v1/settings"));
        await AssertUnavailableAsync(await client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w1/receipts", new { movementId = "m1", quantity = 1 }));

        using var anonymous = breakerOpen.CreateCheckedClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/readyz")).StatusCode);
    }

    private static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "unavailable");
        Assert.NotNull(response.Headers.RetryAfter);
    }
}
