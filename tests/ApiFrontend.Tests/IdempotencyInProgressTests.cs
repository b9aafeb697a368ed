using System.Net;
using System.Text;
using Quartermaster.ApiFrontend.Idempotency;
using Quartermaster.ApiFrontend.Tests.Fixtures;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Idempotency;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>
/// A retry whose Idempotency-Key is still held by a running first request waits for it, then answers 409 `conflict`
/// ("request in progress"). That can happen on any POST, so every POST declares 409: the document once left it out
/// of the import, the delivery retry and retry-failed, and the contract check refused the answer.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class IdempotencyInProgressTests(ApiFixture fixture)
{
    [Fact]
    public async Task ARetryWhileTheFirstRequestStillRunsIsADeclared409()
    {
        var tenant = await fixture.NewTenantAsync("inprogress");
        const string path = "/api/v1/imports?kind=warehouses";
        const string body = "warehouseId,name\nw1,One\n";
        var key = TestTenant.NewId("imp");

        // The first request, as the middleware holds it: the key's lease, under the fingerprint of this very request.
        var fingerprint = IdempotencyMiddleware.Fingerprint("POST", path, Encoding.UTF8.GetBytes(body));
        var held = fixture.Grains.GetGrain<IIdempotencyGrain>(GrainKeys.Idempotency(tenant.Id, key));
        Assert.Equal(IdempotencyVerdict.Proceed, (await held.Begin(fingerprint)).Verdict);

        using var retry = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "text/csv") };
        retry.Headers.Add("Idempotency-Key", key);
        var answer = tenant.Client.SendAsync(retry);
        for (var step = 0; step < 60 && !answer.IsCompleted; step++)
        {
            // The first request keeps its lease while the retry's waits (10 s each, on the silos' clock) run out.
            Assert.True(await held.Renew(fingerprint));
            BusinessClock.Advance(TimeSpan.FromSeconds(4));
            await Task.WhenAny(answer, Task.Delay(TimeSpan.FromMilliseconds(200)));
        }

        var response = await answer;
        await response.AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        await held.Abandon(fingerprint);
    }
}
