using Quartermaster.Grains.Abstractions.Customers;
using Quartermaster.Grains.Abstractions.Events;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Webhooks;
using Quartermaster.Grains.Tests.Infrastructure;
using Quartermaster.Grains.Webhooks;
using Quartermaster.Tests.Shared;

namespace Quartermaster.Grains.Tests.Webhooks;

/// <summary>
/// The delivery engine against real HTTP receivers on loopback: retries through a receiver's outage, gives up
/// after 72 hours, delivers again on retry-failed and on a retry asked for mid-attempt, starts retries that came due ahead of
/// the events that happened after them, and signs with both secrets during a rotation.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class DeliveryEngineTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_receiver_that_fails_hangs_and_vanishes_gets_every_event_once_it_is_back_each_signed()
    {
        await using var receiver = new WebhookReceiver { Mode = WebhookReceiver.Behaviour.Fail };
        var tenant = await TestTenant.CreateAsync(fixture.Grains, ["p1"], ["w1"]);
        var created = await CreateEndpointAsync(tenant, receiver.Url, ["stock.*"]);
        await AwaitEngineReadyAsync(tenant, created.Endpoint.EndpointId);

        for (var i = 0; i < 3; i++)
        {
            await tenant.ReceiveAsync("p1", "w1", 5);
        }

        var events = (await fixture.Grains.GetGrain<IEventFeedGrain>(tenant.Id).List(null, null, 100)).Events;
        Assert.Equal(3, events.Count);
        await receiver.WaitForAsync(r => r.Count >= 3, Patience, "three first attempts answered 500");

        // The receiver counts a request before the engine records its answer; a retry is scheduled from the clock
        // at that record, so the clock may move only once all three are recorded.
        await AwaitDeliveriesAsync(tenant, created.Endpoint.EndpointId,
            d => d.Count == 3 && d.All(x => x.Attempts == 1 && x.NextAttemptAt is not null), "three first attempts recorded");
        receiver.Mode = WebhookReceiver.Behaviour.Hang;
        TestClock.Advance(TimeSpan.FromSeconds(25));
        await AwaitDeliveriesAsync(tenant, created.Endpoint.EndpointId, d => d.All(x => x.Attempts >= 2), "second attempts timed out");

        await receiver.StopAsync();
        TestClock.Advance(TimeSpan.FromSeconds(60));
        await AwaitDeliveriesAsync(tenant, created.Endpoint.EndpointId, d => d.All(x => x.Attempts >= 3), "third attempts found no listener");

        receiver.Mode = WebhookReceiver.Behaviour.Accept;
        receiver.Start();
        TestClock.Advance(TimeSpan.FromSeconds(120));
        var accepted = await receiver.WaitForAsync(
            r => events.All(e => r.Any(x => x.EventId == e.EventId && x.AnsweredStatus == 200)), Patience, "every event accepted");

        foreach (var webhook in accepted.Where(r => r.AnsweredStatus == 200))
        {
            Assert.True(WebhookReceiver.Verifies(webhook, created.Secret), $"The signature of {webhook.EventId} does not verify.");
            Assert.Equal("application/json", webhook.ContentType?.Split(';')[0]);
        }

        // Duplicates (if any) are the same event, byte for byte.
        Assert.All(accepted.GroupBy(r => r.EventId), g => Assert.Single(g.Select(r => Convert.ToBase64String(r.Body)).Distinct()));
        var deliveries = await AwaitDeliveriesAsync(tenant, created.Endpoint.EndpointId,
            d => d.Count == 3 && d.All(x => x.Status == DeliveryStatus.Succeeded), "every delivery succeeded");
        Assert.Equal(events.Select(e => e.EventId), deliveries.Select(d => d.DeliveryId));
        Assert.All(deliveries, d =>
        {
            Assert.Equal(4, d.Attempts);
            Assert.Equal(200, d.LastStatusCode);
            Assert.Null(d.NextAttemptAt);
        });
    }

    [Fact]
    public async Task A_receiver_that_never_recovers_ends_failed_and_retry_failed_delivers_once_it_does()
    {
        await using var receiver = new WebhookReceiver { Mode = WebhookReceiver.Behaviour.Fail };
        var tenant = await TestTenant.CreateAsync(fixture.Grains, ["p1"], ["w1"]);
        var created = await CreateEndpointAsync(tenant, receiver.Url, ["*"]);
        var endpointId = created.Endpoint.EndpointId;
        await AwaitEngineReadyAsync(tenant, endpointId);
        await tenant.ReceiveAsync("p1", "w1", 5);
        await AwaitDeliveriesAsync(tenant, endpointId, d => d.Count == 1 && d[0].Attempts == 1, "a first failed attempt");

        TestClock.Advance(TimeSpan.FromHours(73));
        var failed = await AwaitDeliveriesAsync(tenant, endpointId, d => d[0].Status == DeliveryStatus.Failed, "the delivery to fail");
        Assert.Equal(2, failed[0].Attempts);
        Assert.Equal(500, failed[0].LastStatusCode);
        Assert.Null(failed[0].NextAttemptAt);
        Assert.Single((await Engine(tenant, endpointId).List(DeliveryStatus.Failed, null, 10)).Items);

        receiver.Mode = WebhookReceiver.Behaviour.Accept;
        Assert.Equal(1, await Engine(tenant, endpointId).RetryFailed());
        await receiver.WaitForAsync(r => r.Any(x => x.EventId == failed[0].EventId && x.AnsweredStatus == 200), Patience, "the retried delivery");
        var delivered = await AwaitDeliveriesAsync(tenant, endpointId, d => d[0].Status == DeliveryStatus.Succeeded, "the retried delivery to succeed");
        Assert.Equal(3, delivered[0].Attempts);
    }

    /// <summary>
    /// The attempt is in flight for at most the test silo's 1 s timeout, and the retry has to land inside it. A run in
    /// which the machine stalled past that cannot show anything, so the scenario is tried again with the next event,
    /// up to five times; every run in which the retry did land in flight must get its attempt.
    /// </summary>
    [Fact]
    public async Task A_retry_asked_for_while_an_attempt_is_in_flight_is_made_as_soon_as_that_attempt_ends()
    {
        await using var receiver = new WebhookReceiver();
        var tenant = await TestTenant.CreateAsync(fixture.Grains, ["p1"], ["w1"]);
        var created = await CreateEndpointAsync(tenant, receiver.Url, ["stock.changed"]);
        var endpointId = created.Endpoint.EndpointId;
        await AwaitEngineReadyAsync(tenant, endpointId);
        var engine = Engine(tenant, endpointId);
        for (var run = 1; run <= 5; run++)
        {
            receiver.Mode = WebhookReceiver.Behaviour.Hang;
            await tenant.ReceiveAsync("p1", "w1", 5);
            var hanging = (await receiver.WaitForAsync(r => r.Count == 2 * run - 1, Patience, $"the first attempt of run {run}"))[^1];

            receiver.Mode = WebhookReceiver.Behaviour.Accept;
            Assert.True(await engine.Retry(hanging.EventId));
            // A delivery has no row until its first attempt ends: none yet means that attempt was still in flight when
            // the retry was asked for (the retry came first).
            var retriedInFlight = (await engine.List(null, null, 100)).Items.All(d => d.DeliveryId != hanging.EventId);

            // The business clock stands still, so the backoff after the timed-out attempt never comes due: only the retry sends it.
            await receiver.WaitForAsync(r => r.Any(x => x.EventId == hanging.EventId && x.AnsweredStatus == 200), Patience, $"the retried attempt of run {run}");
            var delivered = await AwaitDeliveriesAsync(tenant, endpointId,
                d => d.Any(x => x.DeliveryId == hanging.EventId && x.Status == DeliveryStatus.Succeeded), "the retried delivery to succeed");
            var retried = delivered.Single(d => d.DeliveryId == hanging.EventId);
            Assert.Equal(2, retried.Attempts);
            Assert.Null(retried.NextAttemptAt);
            if (retriedInFlight)
            {
                return;
            }
        }

        Assert.Fail("In five runs the first attempt ended (its 1 s timeout) before the retry was asked for: the machine stalled each time.");
    }

    [Fact]
    public async Task A_window_full_of_deliveries_waiting_for_their_retry_does_not_hold_back_the_next_events()
    {
        await using var receiver = new WebhookReceiver { Mode = WebhookReceiver.Behaviour.Fail };
        var tenant = await TestTenant.CreateAsync(fixture.Grains, ["p1"], ["w1"]);
        var created = await CreateEndpointAsync(tenant, receiver.Url, ["stock.changed"]);
        var endpointId = created.Endpoint.EndpointId;
        await AwaitEngineReadyAsync(tenant, endpointId);
        const int window = WebhookDeliveryGrain.Window;
        for (var i = 0; i < window; i += 50)
        {
            await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => tenant.ReceiveAsync("p1", "w1", 1)));
        }

        // The business clock stands still, so none of these retries comes due until the clock is moved.
        await AwaitAllAsync(tenant, endpointId, d => d.Count == window && d.All(x => x.Attempts == 1 && x.NextAttemptAt is not null),
            "a window of first attempts failed and waiting for their retry");

        receiver.Mode = WebhookReceiver.Behaviour.Accept;
        await tenant.ReceiveAsync("p1", "w1", 1);
        var next = await fixture.Grains.GetGrain<IEventFeedGrain>(tenant.Id).LastId();
        await receiver.WaitForAsync(r => r.Any(x => x.EventId == next && x.AnsweredStatus == 200), Patience, "the event after the failing ones");

        // The deliveries set aside for their retry are still there, and are made when due.
        TestClock.Advance(TimeSpan.FromSeconds(25));
        var delivered = await AwaitAllAsync(tenant, endpointId, d => d.Count == window + 1 && d.All(x => x.Status == DeliveryStatus.Succeeded),
            "every delivery to succeed");
        Assert.Equal(window, delivered.Count(d => d.Attempts == 2));
    }

    /// <summary>
    /// A receiver that hangs keeps every attempt slot busy for the test silo's 1 s timeout, so what starts when a slot
    /// frees decides who waits. The retries came due before the later events happened, so they go first: the engine
    /// starts none of those events until every due retry has started. A slot that frees while the last retries are out
    /// may take a later event before those retries are recorded, hence a bound rather than zero; the bound is far
    /// below the backlog, which is what a retry waited behind before.
    /// </summary>
    [Fact]
    public async Task Retries_that_came_due_start_before_events_that_happened_after_them_while_every_slot_is_busy()
    {
        await using var receiver = new WebhookReceiver { Mode = WebhookReceiver.Behaviour.Fail };
        var tenant = await TestTenant.CreateAsync(fixture.Grains, ["p1"], ["w1"]);
        var created = await CreateEndpointAsync(tenant, receiver.Url, ["stock.changed"]);
        var endpointId = created.Endpoint.EndpointId;
        await AwaitEngineReadyAsync(tenant, endpointId);
        const int failing = 64;
        await Task.WhenAll(Enumerable.Range(0, failing).Select(_ => tenant.ReceiveAsync("p1", "w1", 1)));
        var first = await AwaitAllAsync(tenant, endpointId, d => d.Count == failing && d.All(x => x.Attempts == 1 && x.NextAttemptAt is not null),
            "first attempts failed and waiting for their retry");
        var older = first.Select(d => d.DeliveryId).ToHashSet(StringComparer.Ordinal);

        // Every retry is due (at most 20 s after its failure) before any of the later events happens.
        receiver.Mode = WebhookReceiver.Behaviour.Hang;
        TestClock.Advance(TimeSpan.FromSeconds(25));
        const int later = 600;
        for (var i = 0; i < later; i += 50)
        {
            await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => tenant.ReceiveAsync("p1", "w1", 1)));
        }

        var retried = await AwaitAllAsync(tenant, endpointId, d => d.Where(x => older.Contains(x.DeliveryId)).All(x => x.Attempts >= 2),
            "every due retry made", TimeSpan.FromSeconds(90));
        var laterAttempted = retried.Count(d => !older.Contains(d.DeliveryId) && d.Attempts > 0);
        Assert.True(laterAttempted < later / 2,
            $"{laterAttempted} of the {later} later events were attempted before the last of the {failing} retries due before them.");
    }

    /// <summary>
    /// Retries set aside (a window's worth of them failed and waited) come back into the window ahead of the events that
    /// happened after they came due, even while the log holds more of those than the window has room for. The events
    /// that happened before them (the middle batch) fill the window first, as they should, and are then accepted; the
    /// later ones hang, so a retry left behind them would wait for the whole batch at one second per 32.
    /// </summary>
    [Fact]
    public async Task Retries_set_aside_come_back_ahead_of_a_backlog_of_events_that_happened_after_they_came_due()
    {
        await using var receiver = new WebhookReceiver { Mode = WebhookReceiver.Behaviour.Fail };
        var tenant = await TestTenant.CreateAsync(fixture.Grains, ["p1"], ["w1"]);
        var created = await CreateEndpointAsync(tenant, receiver.Url, ["stock.changed"]);
        var endpointId = created.Endpoint.EndpointId;
        await AwaitEngineReadyAsync(tenant, endpointId);
        const int window = WebhookDeliveryGrain.Window;
        var feed = fixture.Grains.GetGrain<IEventFeedGrain>(tenant.Id);
        await ReceiveManyAsync(tenant, window);
        var failed = await AwaitAllAsync(tenant, endpointId, d => d.Count == window && d.All(x => x.Attempts == 1 && x.NextAttemptAt is not null),
            "a window of first attempts failed and waiting for their retry");
        var lastFailed = failed[^1].DeliveryId;

        // Before the retries are due: these take the window the retries left (and hang there, 32 at a time).
        receiver.Mode = WebhookReceiver.Behaviour.Hang;
        await ReceiveManyAsync(tenant, window);
        var lastBefore = await feed.LastId();
        await receiver.WaitForAsync(r => r.Count(x => string.CompareOrdinal(x.EventId, lastFailed) > 0) >= 32, Patience, "the middle events hanging");

        TestClock.Advance(TimeSpan.FromSeconds(25));
        const int later = 3 * window;
        await ReceiveManyAsync(tenant, later);
        receiver.ModeOf = id => string.CompareOrdinal(id, lastBefore) <= 0 ? WebhookReceiver.Behaviour.Accept : null;

        var retried = await AwaitAllAsync(tenant, endpointId, d => d.Where(x => string.CompareOrdinal(x.DeliveryId, lastFailed) <= 0)
            .All(x => x.Status == DeliveryStatus.Succeeded), "every retry set aside to succeed", TimeSpan.FromSeconds(90));
        // Counted as the receiver got them: the list above ends with the window's worth of the middle events.
        var laterAttempted = receiver.Received.Count(x => string.CompareOrdinal(x.EventId, lastBefore) > 0);
        Assert.True(laterAttempted < window / 2,
            $"{laterAttempted} of the {later} later events were attempted before the {window} retries due before them had succeeded.");
    }

    [Fact]
    public async Task A_retry_after_the_customer_is_erased_sends_the_event_without_its_personal_fields()
    {
        await using var receiver = new WebhookReceiver { Mode = WebhookReceiver.Behaviour.Fail };
        var tenant = await TestTenant.CreateAsync(fixture.Grains, ["p1"], ["w1"]);
        var created = await CreateEndpointAsync(tenant, receiver.Url, ["customer.updated"]);
        var endpointId = created.Endpoint.EndpointId;
        await AwaitEngineReadyAsync(tenant, endpointId);
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(GrainKeys.Customer(tenant.Id, "c1"));
        Assert.Null((await customer.Put(new CustomerFields("Grace Hopper", "grace@navy.example", null, CustomerStatus.Active,
            new Dictionary<string, string>()), null)).Failure);
        var first = await AwaitDeliveriesAsync(tenant, endpointId, d => d.Count == 1 && d[0].Attempts == 1 && d[0].NextAttemptAt is not null,
            "a first failed attempt");
        Assert.Contains("Grace Hopper", Text(Assert.Single(receiver.Received, r => r.EventId == first[0].EventId).Body), StringComparison.Ordinal);

        Assert.True((await customer.Erase(null)).Value);
        receiver.Mode = WebhookReceiver.Behaviour.Accept;
        TestClock.Advance(TimeSpan.FromSeconds(90));
        var accepted = await receiver.WaitForAsync(r => r.Any(x => x.EventId == first[0].EventId && x.AnsweredStatus == 200), Patience, "the retry");

        var retried = Text(accepted.Last(x => x.EventId == first[0].EventId).Body);
        Assert.DoesNotContain("Grace", retried, StringComparison.Ordinal);
        Assert.DoesNotContain("grace@", retried, StringComparison.Ordinal);
        Assert.Contains("\"customerRef\":\"c1\"", retried, StringComparison.Ordinal);
    }

    [Fact]
    public async Task During_a_rotation_both_secrets_sign_and_after_a_day_only_the_new_one()
    {
        await using var receiver = new WebhookReceiver();
        var tenant = await TestTenant.CreateAsync(fixture.Grains, ["p1"], ["w1"]);
        var created = await CreateEndpointAsync(tenant, receiver.Url, ["stock.changed"]);
        var endpoints = fixture.Grains.GetGrain<IWebhookEndpointsGrain>(tenant.Id);
        await AwaitEngineReadyAsync(tenant, created.Endpoint.EndpointId);

        var rotated = (await endpoints.RotateSecret(created.Endpoint.EndpointId)).Value!;
        Assert.NotEqual(created.Secret, rotated);
        await tenant.ReceiveAsync("p1", "w1", 1);
        var during = (await receiver.WaitForAsync(r => r.Count == 1, Patience, "a delivery during the overlap"))[0];
        Assert.Equal(2, WebhookReceiver.SignaturesOf(during).Count);
        Assert.True(WebhookReceiver.Verifies(during, created.Secret));
        Assert.True(WebhookReceiver.Verifies(during, rotated));

        TestClock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        await tenant.ReceiveAsync("p1", "w1", 1);
        var after = (await receiver.WaitForAsync(r => r.Count == 2, Patience, "a delivery after the overlap"))[1];
        Assert.Single(WebhookReceiver.SignaturesOf(after));
        Assert.True(WebhookReceiver.Verifies(after, rotated));
        Assert.False(WebhookReceiver.Verifies(after, created.Secret));
    }

    private static async Task ReceiveManyAsync(TestTenant tenant, int count)
    {
        for (var i = 0; i < count; i += 50)
        {
            await Task.WhenAll(Enumerable.Range(0, Math.Min(50, count - i)).Select(_ => tenant.ReceiveAsync("p1", "w1", 1)));
        }
    }

    private static string Text(byte[] body) => System.Text.Encoding.UTF8.GetString(body);

    private async Task<CreatedWebhookEndpoint> CreateEndpointAsync(TestTenant tenant, string url, IReadOnlyList<string> types) =>
        (await fixture.Grains.GetGrain<IWebhookEndpointsGrain>(tenant.Id).Create(new NewWebhookEndpoint(url, types, "test"))).Value
            ?? throw new InvalidOperationException("The endpoint was refused.");

    /// <summary>The engine starts from the end of the log as it finds it; a list call returns once it has activated.</summary>
    private Task AwaitEngineReadyAsync(TestTenant tenant, string endpointId) => Engine(tenant, endpointId).List(null, null, 1);

    private IWebhookDeliveryGrain Engine(TestTenant tenant, string endpointId) =>
        fixture.Grains.GetGrain<IWebhookDeliveryGrain>(GrainKeys.WebhookEndpoint(tenant.Id, endpointId));

    private async Task<IReadOnlyList<WebhookDelivery>> AwaitAllAsync(
        TestTenant tenant, string endpointId, Func<IReadOnlyList<WebhookDelivery>, bool> condition, string what, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? Patience);
        while (true)
        {
            var deliveries = (await Engine(tenant, endpointId).List(null, null, WebhookDeliveryGrain.Window * 2)).Items;
            if (condition(deliveries))
            {
                return deliveries;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Waited {(patience ?? Patience).TotalSeconds} s for {what}: "
                + string.Join("; ", deliveries.GroupBy(d => (d.Status, d.Attempts)).Select(g => $"{g.Count()} {g.Key.Status} x{g.Key.Attempts}")));
            await Task.Delay(100);
        }
    }

    private async Task<IReadOnlyList<WebhookDelivery>> AwaitDeliveriesAsync(
        TestTenant tenant, string endpointId, Func<IReadOnlyList<WebhookDelivery>, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var deliveries = (await Engine(tenant, endpointId).List(null, null, 100)).Items;
            if (deliveries.Count > 0 && condition(deliveries))
            {
                return deliveries;
            }

            Assert.True(DateTime.UtcNow < deadline,
                $"Waited {Patience.TotalSeconds} s for {what}: {string.Join("; ", deliveries.Select(d => $"{d.Status} x{d.Attempts} {d.LastError}"))}");
            await Task.Delay(100);
        }
    }
}
