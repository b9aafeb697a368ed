using System.Net;
using System.Security.Cryptography;
using Quartermaster.ApiFrontend.Tests.Contract;
using Quartermaster.ApiFrontend.Tests.Fixtures;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>
/// Garbage credentials cost no grain activation (and so no database read, which only an activation makes):
/// malformed tokens are refused by shape, well-formed unknown keys by the frontend's copy of the key
/// directory; the probes ignore Authorization; valid keys keep working throughout.
/// </summary>
[Collection(QuietClusterCollection.Name)]
public sealed class KeyLookupCostTests(ApiFixture fixture)
{
    private const int Requests = 50_000;
    private const int Parallelism = 8;

    [Fact]
    public async Task AFloodOfRandomTokensActivatesNothingAndValidKeysKeepWorking()
    {
        var tenant = await fixture.NewTenantAsync("keys");
        await tenant.SeedAsync(["p1"], ["w1"]);
        Assert.Equal(HttpStatusCode.OK, (await tenant.Client.GetAsync("/api/v1/stock/p1/w1")).StatusCode);
        var keyGrainsBefore = await Activations.CountAsync(fixture.Grains, "ApiKeyGrain");
        var allBefore = await Activations.CountServiceGrainsByClassAsync(fixture.Grains);

        using var client = fixture.Anonymous();
        var unexpected = 0;
        var validChecks = 0;
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Parallelism).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Requests)
            {
                if (i % 1_000 == 0)
                {
                    var valid = await tenant.Client.GetAsync("/api/v1/stock/p1/w1");
                    Interlocked.Increment(ref validChecks);
                    if (valid.StatusCode != HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref unexpected);
                    }
                }

                var (path, token, expected) = (i % 4) switch
                {
                    0 => ("/api/v1/products", WellFormedKey(), HttpStatusCode.Unauthorized),
                    1 => ("/api/v1/stock/p1/w1", Malformed(i), HttpStatusCode.Unauthorized),
                    2 => ("/livez", WellFormedKey(), HttpStatusCode.OK),
                    _ => ("/api/v1/admin/tenants/x", WellFormedKey(), HttpStatusCode.Unauthorized),
                };
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
                using var response = await client.SendAsync(request);
                if (response.StatusCode != expected)
                {
                    Interlocked.Increment(ref unexpected);
                }
            }
        }));

        Assert.Equal(0, unexpected);
        Assert.Equal(Requests / 1_000, validChecks);
        Assert.True(await Activations.CountAsync(fixture.Grains, "ApiKeyGrain") <= keyGrainsBefore, "Unknown keys activated API key grains.");
        var allAfter = await Activations.CountServiceGrainsByClassAsync(fixture.Grains);
        var grown = allAfter.Where(c => c.Value > allBefore.GetValueOrDefault(c.Key)).Select(c => $"{c.Key} {allBefore.GetValueOrDefault(c.Key)} -> {c.Value}").ToList();
        Assert.True(grown.Count == 0, "Unknown keys activated grains: " + string.Join(", ", grown));
    }

    [Fact]
    public async Task AKeyIssuedThroughOneFrontendWorksAtOnceOnAnotherAndARevokedOneStops()
    {
        var tenant = await fixture.NewTenantAsync("fresh");
        using var other = fixture.Factory.WithWebHostBuilder(_ => { });
        using var otherAnonymous = other.CreateCheckedClient();
        using var admin = fixture.Admin();
        for (var round = 0; round < 5; round++)
        {
            // The other frontend has a copy of the directory from before the key existed.
            using var garbage = new HttpRequestMessage(HttpMethod.Get, "/api/v1/settings");
            garbage.Headers.TryAddWithoutValidation("Authorization", "Bearer " + WellFormedKey());
            Assert.Equal(HttpStatusCode.Unauthorized, (await otherAnonymous.SendAsync(garbage)).StatusCode);

            var key = await (await admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/admin/tenants/{tenant.Id}/api-keys", new { name = "r" }))
                .ReadAsync<CreatedKey>(HttpStatusCode.Created);
            using var client = other.CreateCheckedClient();
            client.DefaultRequestHeaders.Authorization = new("Bearer", key.Key);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/settings")).StatusCode);

            Assert.Equal(HttpStatusCode.NoContent,
                (await admin.DeleteAsync($"/api/v1/admin/tenants/{tenant.Id}/api-keys/{key.KeyId}")).StatusCode);
            await Eventually.TrueAsync(async () => (await client.GetAsync("/api/v1/settings")).StatusCode == HttpStatusCode.Unauthorized,
                TimeSpan.FromSeconds(10), "the revoked key still works");
        }
    }

    private static string WellFormedKey() =>
        "qm_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Malformed(int i) => (i / 4 % 4) switch
    {
        0 => Convert.ToHexString(RandomNumberGenerator.GetBytes(24)),
        1 => "qm_" + new string('!', 43),
        2 => "qm_short",
        _ => "qm_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(200)),
    };
}
