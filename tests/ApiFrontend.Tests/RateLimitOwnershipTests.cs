using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Quartermaster.ApiFrontend.Tests.Contract;
using Quartermaster.ApiFrontend.Tests.Fixtures;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>
/// Rate limits belong to the operator; every keyed request counts whatever its outcome; requests without a
/// valid key are limited per client address; unknown routes cost no idempotency record.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class RateLimitOwnershipTests(ApiFixture fixture)
{
    [Fact]
    public async Task ATenantMayLowerItsLimitsButNotRaiseThemAboveTheAdminsCeiling()
    {
        var tenant = await TestTenant.CreateAsync(fixture, TestTenant.NewId("ceil"), new { rateLimitPerSecond = 40, rateLimitBurst = 80 });
        await (await tenant.Client.SendJsonAsync(HttpMethod.Patch, "/api/v1/settings", new { rateLimitPerSecond = 100_000 }))
            .AssertValidationAsync("rateLimitPerSecond");
        await (await tenant.Client.SendJsonAsync(HttpMethod.Patch, "/api/v1/settings", new { rateLimitBurst = 81 }))
            .AssertValidationAsync("rateLimitBurst");
        await (await tenant.Client.SendJsonAsync(HttpMethod.Patch, "/api/v1/settings", new { rateLimitPerSecond = 41, rateLimitBurst = 81 }))
            .AssertValidationAsync("rateLimitPerSecond", "rateLimitBurst");
        Assert.Equal(40, (await tenant.Client.GetOkAsync<SettingsView>("/api/v1/settings")).RateLimitPerSecond);

        var lowered = await (await tenant.Client.SendJsonAsync(HttpMethod.Patch, "/api/v1/settings", new { rateLimitPerSecond = 10, rateLimitBurst = 20 }))
            .ReadOkAsync<SettingsView>();
        Assert.Equal((10, 20), (lowered.RateLimitPerSecond, lowered.RateLimitBurst));
        var back = await (await tenant.Client.SendJsonAsync(HttpMethod.Patch, "/api/v1/settings", new { rateLimitPerSecond = 40 })).ReadOkAsync<SettingsView>();
        Assert.Equal(40, back.RateLimitPerSecond);

        using var admin = fixture.Admin();
        var patched = await admin.SendJsonAsync(HttpMethod.Patch, $"/api/v1/admin/tenants/{tenant.Id}",
            new { name = "Renamed", settings = new { rateLimitPerSecond = 500, rateLimitBurst = 900 } });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.NotNull(patched.Headers.ETag);
        var raised = await (await tenant.Client.SendJsonAsync(HttpMethod.Patch, "/api/v1/settings", new { rateLimitPerSecond = 500, rateLimitBurst = 900 }))
            .ReadOkAsync<SettingsView>();
        Assert.Equal((500, 900), (raised.RateLimitPerSecond, raised.RateLimitBurst));

        var stale = await admin.SendJsonAsync(HttpMethod.Patch, $"/api/v1/admin/tenants/{tenant.Id}", new { name = "Again" }, ifMatch: "\"1\"");
        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        await (await admin.SendJsonAsync(HttpMethod.Patch, "/api/v1/admin/tenants/no-such-tenant", new { name = "x" }))
            .AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task BadRequestsUnknownRoutesAndUnknownRoutePostsCountAgainstTheTenant()
    {
        const int burst = 10;
        var tenant = await TestTenant.CreateAsync(fixture, TestTenant.NewId("flood"), new { rateLimitPerSecond = 1, rateLimitBurst = burst });
        var clock = Stopwatch.StartNew();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            var response = (i % 3) switch
            {
                0 => await tenant.Client.SendAsync(HttpCalls.Request(HttpMethod.Post, "/api/v1/stock/p1/w1/receipts", "{")),
                1 => await tenant.Client.GetAsync($"/api/v1/nothing-{i}"),
                _ => await tenant.Client.SendAsync(HttpCalls.Request(HttpMethod.Post, $"/api/v1/nothing-{i}", "{}", idempotencyKey: $"flood-{i}")),
            };
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await response.AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
                Assert.NotNull(response.Headers.RetryAfter);
            }
        }

        var admitted = statuses.Count(s => s != HttpStatusCode.TooManyRequests);
        Assert.True(admitted <= burst + (int)Math.Ceiling(clock.Elapsed.TotalSeconds) + 1,
            $"{admitted} of 40 failing requests were admitted in {clock.Elapsed.TotalSeconds:F1} s with a burst of {burst} and 1/s.");
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.All(statuses.Where(s => s != HttpStatusCode.TooManyRequests),
            s => Assert.True(s is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"unexpected {s}"));
    }

    [Fact]
    public async Task UnknownRoutePostsCreateNoIdempotencyRecordsWhileKnownOnesDo()
    {
        var tenant = await fixture.NewTenantAsync("idem");
        await tenant.SeedAsync(["p1"], ["w1"]);
        var before = await Activations.CountAsync(fixture.Grains, "IdempotencyGrain");
        for (var i = 0; i < 50; i++)
        {
            var response = await tenant.Client.SendAsync(HttpCalls.Request(HttpMethod.Post, $"/api/v1/unknown/{i}", "{}", idempotencyKey: $"unknown-{i}"));
            await response.AssertProblemAsync(HttpStatusCode.NotFound, "not_found", requireDetail: false);
            var wrongMethod = await tenant.Client.SendAsync(HttpCalls.Request(HttpMethod.Post, "/api/v1/products", "{}", idempotencyKey: $"method-{i}"));
            Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        }

        Assert.True(await Activations.CountAsync(fixture.Grains, "IdempotencyGrain") <= before, "Unknown routes created idempotency records.");

        var known = await tenant.Client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w1/receipts",
            new { movementId = "m-known", quantity = 1 }, idempotencyKey: "known-1");
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.True(await Activations.CountAsync(fixture.Grains, "IdempotencyGrain") > before, "A known route's POST kept no record, so this test proves nothing.");
    }

    [Fact]
    public async Task RequestsWithoutAValidKeyAreLimitedPerClientAddressButProbesAreNot()
    {
        using var factory = fixture.Factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Quartermaster:UnauthenticatedRateLimit:PerSecond", "1");
            builder.UseSetting("Quartermaster:UnauthenticatedRateLimit:Burst", "5");
        });
        using var anonymous = factory.CreateCheckedClient(fixture.ContractAsync);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/products");
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer qm_" + new string('x', 43));
            var response = await anonymous.SendAsync(request);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await response.AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
                Assert.Equal("5", Assert.Single(response.Headers.GetValues("RateLimit-Limit")));
                Assert.Equal("0", Assert.Single(response.Headers.GetValues("RateLimit-Remaining")));
                var reset = int.Parse(Assert.Single(response.Headers.GetValues("RateLimit-Reset")), CultureInfo.InvariantCulture);
                Assert.InRange(reset, 1, (int)response.Headers.RetryAfter!.Delta!.Value.TotalSeconds);
            }
        }

        Assert.InRange(statuses.Count(s => s == HttpStatusCode.Unauthorized), 5, 7);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);

        for (var i = 0; i < 10; i++)
        {
            using var probe = new HttpRequestMessage(HttpMethod.Get, "/livez");
            probe.Headers.TryAddWithoutValidation("Authorization", "Bearer garbage");
            Assert.Equal(HttpStatusCode.OK, (await anonymous.SendAsync(probe)).StatusCode);
        }

        using var admin = factory.CreateCheckedClient(fixture.ContractAsync);
        admin.DefaultRequestHeaders.Authorization = new("Bearer", ApiFactory.AdminKey);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/admin/tenants/not-there")).StatusCode);
    }

    [Fact]
    public async Task ATenantNamedAdminCannotSeeOrClaimTheAdminsIdempotencyKeys()
    {
        using var admin = fixture.Admin();
        var created = await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/admin/tenants", new { tenantId = "admin", name = "Admin Ltd" });
        Assert.True(created.StatusCode is HttpStatusCode.Created, $"{created.StatusCode}");
        var key = await (await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/admin/tenants/admin/api-keys", new { name = "k" }))
            .ReadAsync<CreatedKey>(HttpStatusCode.Created);
        using var tenantAdmin = fixture.WithKey(key.Key);
        var claimed = await tenantAdmin.SendJsonAsync(HttpMethod.Post, "/api/v1/orders", new { orderId = "o1", lines = Array.Empty<object>() },
            idempotencyKey: "shared-key-1");
        Assert.Equal(HttpStatusCode.BadRequest, claimed.StatusCode);

        var adminCall = await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/admin/tenants",
            new { tenantId = TestTenant.NewId("scope"), name = "Scoped" }, idempotencyKey: "shared-key-1");
        Assert.Equal(HttpStatusCode.Created, adminCall.StatusCode);
    }
}
