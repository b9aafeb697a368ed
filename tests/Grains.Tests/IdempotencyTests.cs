using Orleans.Runtime;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Idempotency;
using Quartermaster.Grains.Tests.Infrastructure;

namespace Quartermaster.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class IdempotencyTests(ClusterFixture fixture)
{
    private static readonly TimeSpan LongWait = TimeSpan.FromHours(1);

    private IIdempotencyGrain NewKey() =>
        fixture.Grains.GetGrain<IIdempotencyGrain>(GrainKeys.Idempotency(TestTenant.NewId("t"), $"key {Guid.NewGuid()}"));

    private static StoredResponse Response(string body) => new(
        201, "application/json", new Dictionary<string, string> { ["Location"] = "/api/v1/orders/o-1" }, System.Text.Encoding.UTF8.GetBytes(body));

    private static void AssertSameResponse(StoredResponse expected, StoredResponse? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal((expected.StatusCode, expected.ContentType), (actual.StatusCode, actual.ContentType));
        Assert.Equal(expected.Headers, actual.Headers);
        Assert.Equal(expected.Body, actual.Body);
    }

    [Fact]
    public async Task First_begin_proceeds_and_a_second_one_is_told_it_is_in_progress()
    {
        var key = NewKey();

        var first = await key.Begin("fp-1");
        var second = await key.Begin("fp-1");
        var other = await key.Begin("fp-2");

        Assert.Equal(IdempotencyVerdict.Proceed, first.Verdict);
        Assert.Equal(IdempotencyVerdict.InProgress, second.Verdict);
        Assert.Equal(IdempotencyVerdict.KeyReused, other.Verdict);
    }

    [Fact]
    public async Task Waiter_gets_the_response_once_it_completes()
    {
        var key = NewKey();
        var response = Response("""{"orderId":"o-1"}""");
        Assert.Equal(IdempotencyVerdict.Proceed, (await key.Begin("fp-1")).Verdict);

        var waiting = key.WaitForResponse("fp-1", LongWait);
        await key.Complete("fp-1", response);

        AssertSameResponse(response, await waiting);
        AssertSameResponse(response, await key.WaitForResponse("fp-1", LongWait));
    }

    [Fact]
    public async Task Completed_key_replays_the_same_bytes_and_refuses_another_fingerprint()
    {
        var key = NewKey();
        var response = Response("""{"orderId":"o-1","status":"reserved"}""");
        await key.Begin("fp-1");
        await key.Complete("fp-1", response);

        var replay = await key.Begin("fp-1");
        var reused = await key.Begin("fp-2");

        Assert.Equal(IdempotencyVerdict.Replay, replay.Verdict);
        AssertSameResponse(response, replay.Response);
        Assert.Equal(IdempotencyVerdict.KeyReused, reused.Verdict);
        Assert.Null(reused.Response);
    }

    [Fact]
    public async Task A_response_that_shows_a_secret_is_replayed_as_it_was_to_waiters_and_later_retries()
    {
        var key = NewKey();
        var response = Response("""{"keyId":"key_1","key":"qm_the-secret"}""");
        var withoutSecret = Response("""{"keyId":"key_1"}""");
        await key.Begin("fp-1");
        var waiting = key.WaitForResponse("fp-1", LongWait);

        await key.CompleteShowingSecret("fp-1", response, withoutSecret);

        AssertSameResponse(response, await waiting);
        AssertSameResponse(response, (await key.Begin("fp-1")).Response);
        AssertSameResponse(response, await key.WaitForResponse("fp-1", LongWait));
        Assert.Equal(IdempotencyVerdict.KeyReused, (await key.Begin("fp-2")).Verdict);
    }

    [Fact]
    public async Task Abandon_wakes_waiters_with_nothing_and_lets_the_next_begin_proceed()
    {
        var key = NewKey();
        await key.Begin("fp-1");
        var waiting = key.WaitForResponse("fp-1", LongWait);

        await key.Abandon("fp-1");

        Assert.Null(await waiting);
        Assert.Equal(IdempotencyVerdict.Proceed, (await key.Begin("fp-1")).Verdict);
        Assert.Equal(IdempotencyVerdict.InProgress, (await key.Begin("fp-1")).Verdict);
    }

    [Fact]
    public async Task Completion_by_a_stale_fingerprint_is_ignored()
    {
        var key = NewKey();
        await key.Begin("fp-1");

        await key.Complete("fp-2", Response("wrong"));
        var response = Response("right");
        await key.Complete("fp-1", response);

        AssertSameResponse(response, (await key.Begin("fp-1")).Response);
    }

    [Fact]
    public async Task A_first_response_completed_after_its_activation_was_lost_is_kept_for_retries()
    {
        // The lease lives in the activation's memory: a silo that shuts down (a rolling restart) while the request
        // runs takes it along, and the request's answer then reaches a fresh activation that never saw it begin.
        var key = NewKey();
        await key.Begin("fp-1");
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var response = Response("first");
        await key.Complete("fp-1", response);

        var retry = await key.Begin("fp-1");
        Assert.Equal(IdempotencyVerdict.Replay, retry.Verdict);
        AssertSameResponse(response, retry.Response);
        Assert.Equal(IdempotencyVerdict.KeyReused, (await key.Begin("fp-2")).Verdict);
    }

    [Fact]
    public async Task Stored_response_is_forgotten_after_the_retention_period()
    {
        var key = NewKey();
        await key.Begin("fp-1");
        await key.Complete("fp-1", Response("old"));

        TestClock.Advance(TimeSpan.FromHours(25));

        Assert.Equal(IdempotencyVerdict.Proceed, (await key.Begin("fp-2")).Verdict);
    }

    [Fact]
    public async Task Waiter_never_gets_the_response_to_another_request()
    {
        var key = NewKey();
        await key.Begin("fp-1");
        Assert.Equal(IdempotencyVerdict.InProgress, (await key.Begin("fp-1")).Verdict);
        var waiting = key.WaitForResponse("fp-1", LongWait);

        TestClock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(IdempotencyVerdict.Proceed, (await key.Begin("fp-2")).Verdict);
        await key.Complete("fp-2", Response("response to another body"));

        Assert.Null(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_lease_nobody_renews_lapses_and_a_retry_then_proceeds()
    {
        var key = NewKey();
        await key.Begin("fp-1");

        TestClock.Advance(IdempotencyLease.Duration - TimeSpan.FromSeconds(1));
        Assert.Equal(IdempotencyVerdict.InProgress, (await key.Begin("fp-1")).Verdict);
        TestClock.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(IdempotencyVerdict.Proceed, (await key.Begin("fp-1")).Verdict);
    }

    [Fact]
    public async Task A_renewed_lease_keeps_the_key_in_progress()
    {
        var key = NewKey();
        await key.Begin("fp-1");

        for (var i = 0; i < 4; i++)
        {
            TestClock.Advance(IdempotencyLease.RenewEvery);
            Assert.True(await key.Renew("fp-1"));
        }

        Assert.True(IdempotencyLease.RenewEvery * 4 > IdempotencyLease.Duration);
        Assert.Equal(IdempotencyVerdict.InProgress, (await key.Begin("fp-1")).Verdict);
        Assert.False(await key.Renew("fp-2"));
    }

    [Fact]
    public async Task A_lapsed_lease_cannot_be_renewed_once_taken_over()
    {
        var key = NewKey();
        await key.Begin("fp-1");
        TestClock.Advance(IdempotencyLease.Duration + TimeSpan.FromSeconds(1));

        Assert.Equal(IdempotencyVerdict.Proceed, (await key.Begin("fp-2")).Verdict);

        Assert.False(await key.Renew("fp-1"));
        Assert.True(await key.Renew("fp-2"));
    }

    [Fact]
    public async Task A_waiter_is_released_when_the_lease_lapses_unrenewed()
    {
        var key = NewKey();
        await key.Begin("fp-1");
        var waiting = key.WaitForResponse("fp-1", LongWait);
        Assert.True(await key.Renew("fp-1"));

        TestClock.Advance(IdempotencyLease.Duration + TimeSpan.FromSeconds(1));

        // The waiter's call races that step: it may read the clock before it and arm its timer after it, a lease's
        // length later on the test clock. Further one-second steps wake it then; they stay far below the hour it
        // was told to wait, so only the lapsed lease can have released it.
        var stepped = TimeSpan.Zero;
        await Eventually.TrueAsync(() =>
        {
            if (!waiting.IsCompleted)
            {
                TestClock.Advance(TimeSpan.FromSeconds(1));
                stepped += TimeSpan.FromSeconds(1);
            }

            return Task.FromResult(waiting.IsCompleted);
        }, TimeSpan.FromSeconds(10), "the waiter released");
        Assert.True(stepped < LongWait / 2, $"the test clock was stepped {stepped} more");
        Assert.Null(await waiting);
        Assert.Equal(IdempotencyVerdict.Proceed, (await key.Begin("fp-1")).Verdict);
    }
}
