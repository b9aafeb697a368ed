using System.Net;
using System.Text.Json;
using Orleans.Core.Internal;
using Quartermaster.ApiFrontend.Tests.Fixtures;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Webhooks;
using Quartermaster.Tests.Shared;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>Webhook endpoints through the API: their rules, secrets shown once, and deliveries to a real receiver.</summary>
[Collection(ApiCollection.Name)]
public sealed class WebhookTests(ApiFixture fixture)
{
    private const string Endpoints = "/api/v1/webhook-endpoints";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task An_endpoint_is_created_with_a_secret_shown_once_listed_changed_under_if_match_and_deleted()
    {
        var tenant = await fixture.NewTenantAsync("hooks");
        var created = await (await tenant.Client.SendJsonAsync(HttpMethod.Post, Endpoints,
            new { url = "https://203.0.113.10/qm", eventTypes = new[] { "order.*", "stock.low" }, description = "ERP" }))
            .ReadAsync<JsonElement>(HttpStatusCode.Created);
        var endpointId = created.GetProperty("endpointId").GetString()!;
        Assert.StartsWith("whsec_", created.GetProperty("secret").GetString());
        Assert.True(created.GetProperty("enabled").GetBoolean());
        Assert.Equal(["order.*", "stock.low"], created.GetProperty("eventTypes").EnumerateArray().Select(t => t.GetString()));

        var listed = await tenant.Client.GetOkAsync<JsonElement>(Endpoints);
        var item = Assert.Single(listed.GetProperty("items").EnumerateArray());
        Assert.Equal(endpointId, item.GetProperty("endpointId").GetString());
        Assert.False(item.TryGetProperty("secret", out _));

        var get = await tenant.Client.GetAsync($"{Endpoints}/{endpointId}");
        var etag = get.Headers.ETag!.Tag;
        Assert.False((await get.ReadOkAsync<JsonElement>()).TryGetProperty("secret", out _));

        var patched = await (await tenant.Client.SendJsonAsync(HttpMethod.Patch, $"{Endpoints}/{endpointId}",
            new { enabled = false, eventTypes = new[] { "*" } }, ifMatch: etag)).ReadOkAsync<JsonElement>();
        Assert.False(patched.GetProperty("enabled").GetBoolean());
        Assert.Equal("ERP", patched.GetProperty("description").GetString());
        await (await tenant.Client.SendJsonAsync(HttpMethod.Patch, $"{Endpoints}/{endpointId}", new { enabled = true }, ifMatch: etag))
            .AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");

        var cleared = await (await tenant.Client.SendJsonAsync(HttpMethod.Patch, $"{Endpoints}/{endpointId}", """{"description":null}"""))
            .ReadOkAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("description").ValueKind);
        Assert.False(cleared.GetProperty("enabled").GetBoolean());
        var described = await (await tenant.Client.SendJsonAsync(HttpMethod.Patch, $"{Endpoints}/{endpointId}", """{"description":"ERP orders"}"""))
            .ReadOkAsync<JsonElement>();
        Assert.Equal("ERP orders", described.GetProperty("description").GetString());
        var kept = await (await tenant.Client.SendJsonAsync(HttpMethod.Patch, $"{Endpoints}/{endpointId}", """{"enabled":true}"""))
            .ReadOkAsync<JsonElement>();
        Assert.Equal("ERP orders", kept.GetProperty("description").GetString());

        var rotated = await (await tenant.Client.SendJsonAsync(HttpMethod.Post, $"{Endpoints}/{endpointId}/rotate-secret", null)).ReadOkAsync<JsonElement>();
        Assert.NotEqual(created.GetProperty("secret").GetString(), rotated.GetProperty("secret").GetString());

        await (await tenant.Client.SendJsonAsync(HttpMethod.Delete, $"{Endpoints}/{endpointId}", null, ifMatch: etag))
            .AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        var current = (await tenant.Client.GetAsync($"{Endpoints}/{endpointId}")).Headers.ETag!.Tag;
        Assert.Equal(HttpStatusCode.NoContent, (await tenant.Client.SendJsonAsync(HttpMethod.Delete, $"{Endpoints}/{endpointId}", null, ifMatch: current)).StatusCode);
        await (await tenant.Client.GetAsync($"{Endpoints}/{endpointId}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await tenant.Client.GetAsync($"{Endpoints}/{endpointId}/deliveries")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        var other = await fixture.NewTenantAsync("hooks-other");
        var second = await (await tenant.Client.SendJsonAsync(HttpMethod.Post, Endpoints, new { url = "https://203.0.113.10/2", eventTypes = new[] { "*" } }))
            .ReadAsync<JsonElement>(HttpStatusCode.Created);
        await (await other.Client.GetAsync($"{Endpoints}/{second.GetProperty("endpointId").GetString()}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Paging_goes_on_after_the_endpoint_its_cursor_names_is_deleted()
    {
        var tenant = await fixture.NewTenantAsync("hooks-pages");
        foreach (var path in new[] { "a", "b", "c" })
        {
            await (await tenant.Client.SendJsonAsync(HttpMethod.Post, Endpoints, new { url = $"https://203.0.113.10/{path}", eventTypes = new[] { "*" } }))
                .ReadAsync<JsonElement>(HttpStatusCode.Created);
        }

        var ids = (await tenant.Client.GetOkAsync<JsonElement>(Endpoints)).GetProperty("items").EnumerateArray()
            .Select(e => e.GetProperty("endpointId").GetString()!).ToList();
        var first = await tenant.Client.GetOkAsync<JsonElement>($"{Endpoints}?limit=1");
        Assert.Equal(ids[0], Assert.Single(first.GetProperty("items").EnumerateArray()).GetProperty("endpointId").GetString());
        var cursor = first.GetProperty("nextCursor").GetString()!;
        Assert.Equal(HttpStatusCode.NoContent, (await tenant.Client.SendJsonAsync(HttpMethod.Delete, $"{Endpoints}/{ids[0]}", null)).StatusCode);

        var rest = await tenant.Client.GetOkAsync<JsonElement>($"{Endpoints}?limit=2&cursor={cursor}");
        Assert.Equal(ids[1..], rest.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("endpointId").GetString()));
        Assert.Equal(JsonValueKind.Null, rest.GetProperty("nextCursor").ValueKind);
    }

    [Theory]
    [InlineData("http://hooks.example.com/qm")]
    [InlineData("https://10.1.2.3/qm")]
    [InlineData("https://192.168.0.10/qm")]
    [InlineData("https://127.0.0.2/qm")]
    [InlineData("https://localhost/qm")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[::1]/qm")]
    [InlineData("https://[fd00:ec2::254]/qm")]
    [InlineData("not a url")]
    [InlineData(" https://203.0.113.10/qm ")]
    [InlineData("https://203.0.113.10/q m")]
    public async Task A_url_that_is_not_https_to_a_public_address_is_refused_naming_url(string url)
    {
        var tenant = await fixture.NewTenantAsync("hooks-url");
        await (await tenant.Client.SendJsonAsync(HttpMethod.Post, Endpoints, new { url, eventTypes = new[] { "*" } })).AssertValidationAsync("url");
        Assert.Empty((await tenant.Client.GetOkAsync<JsonElement>(Endpoints)).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Bad_event_types_and_missing_fields_are_refused_naming_the_field()
    {
        var tenant = await fixture.NewTenantAsync("hooks-bad");
        await (await tenant.Client.SendJsonAsync(HttpMethod.Post, Endpoints, new { url = "https://203.0.113.10/" })).AssertValidationAsync("eventTypes");
        await (await tenant.Client.SendJsonAsync(HttpMethod.Post, Endpoints, new { eventTypes = new[] { "*" } })).AssertValidationAsync("url");
        await (await tenant.Client.SendJsonAsync(HttpMethod.Post, Endpoints, new { url = "https://203.0.113.10/", eventTypes = Array.Empty<string>() }))
            .AssertValidationAsync("eventTypes");
        await (await tenant.Client.SendJsonAsync(HttpMethod.Post, Endpoints, new { url = "https://203.0.113.10/", eventTypes = new[] { "order.*", "order.placed" } }))
            .AssertValidationAsync("eventTypes[1]");
        await (await tenant.Client.GetAsync($"{Endpoints}/bad id/deliveries")).AssertValidationAsync("endpointId");
        await (await tenant.Client.GetAsync($"{Endpoints}/we_x/deliveries?status=lost")).AssertValidationAsync("status");
    }

    [Fact]
    public async Task Events_reach_a_receiver_signed_the_deliveries_list_shows_them_and_retry_sends_one_again()
    {
        await using var receiver = new WebhookReceiver();
        var tenant = await fixture.NewTenantAsync("hooks-live");
        await tenant.SeedAsync(["p1"], ["w1"]);
        var created = await (await tenant.Client.SendJsonAsync(HttpMethod.Post, Endpoints, new { url = receiver.Url, eventTypes = new[] { "stock.changed" } }))
            .ReadAsync<JsonElement>(HttpStatusCode.Created);
        var endpointId = created.GetProperty("endpointId").GetString()!;
        var secret = created.GetProperty("secret").GetString()!;

        await tenant.ReceiveAsync("p1", "w1", 3);
        await tenant.ReceiveAsync("p1", "w1", 4);
        var events = (await tenant.Client.GetOkAsync<JsonElement>("/api/v1/events?types=stock.changed")).GetProperty("items").EnumerateArray().ToList();
        var wanted = events.TakeLast(2).Select(e => e.GetProperty("eventId").GetString()!).ToList();
        var received = await receiver.WaitForAsync(r => wanted.All(id => r.Any(x => x.EventId == id)), Patience, "both receipts");
        foreach (var id in wanted)
        {
            var webhook = received.First(r => r.EventId == id);
            Assert.True(WebhookReceiver.Verifies(webhook, secret));
            var body = JsonDocument.Parse(webhook.Body).RootElement;
            var fromApi = await tenant.Client.GetOkAsync<JsonElement>($"/api/v1/events/{id}");
            Assert.Equal(fromApi.GetRawText(), body.GetRawText());
        }

        IReadOnlyList<JsonElement> deliveries = [];
        await Eventually.TrueAsync(async () =>
        {
            deliveries = (await tenant.Client.GetOkAsync<JsonElement>($"{Endpoints}/{endpointId}/deliveries?status=succeeded"))
                .GetProperty("items").EnumerateArray().ToList();
            return deliveries.Count == 2;
        }, Patience, "two succeeded deliveries listed");
        Assert.Equal(wanted, deliveries.Select(d => d.GetProperty("deliveryId").GetString()));
        Assert.All(deliveries, d =>
        {
            Assert.Equal("succeeded", d.GetProperty("status").GetString());
            Assert.Equal(1, d.GetProperty("attempts").GetInt32());
            Assert.Equal(200, d.GetProperty("lastStatusCode").GetInt32());
        });

        var retried = await tenant.Client.SendJsonAsync(HttpMethod.Post, $"{Endpoints}/{endpointId}/deliveries/{wanted[0]}/retry", null);
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        await receiver.WaitForAsync(r => r.Count(x => x.EventId == wanted[0]) == 2, Patience, "the retried delivery");
        await (await tenant.Client.SendJsonAsync(HttpMethod.Post, $"{Endpoints}/{endpointId}/deliveries/{new string('0', 32)}/retry", null))
            .AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        var none = await (await tenant.Client.SendJsonAsync(HttpMethod.Post, $"{Endpoints}/{endpointId}/retry-failed", null)).ReadAsync<JsonElement>(HttpStatusCode.Accepted);
        Assert.Equal(0, none.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Rotating_often_keeps_the_newest_replaced_secrets_signing_and_bounds_the_signatures()
    {
        await using var receiver = new WebhookReceiver();
        var tenant = await fixture.NewTenantAsync("hooks-rotations");
        await tenant.SeedAsync(["p1"], ["w1"]);
        var created = await (await tenant.Client.SendJsonAsync(HttpMethod.Post, Endpoints, new { url = receiver.Url, eventTypes = new[] { "stock.changed" } }))
            .ReadAsync<JsonElement>(HttpStatusCode.Created);
        var endpointId = created.GetProperty("endpointId").GetString()!;
        var secrets = new List<string> { created.GetProperty("secret").GetString()! };
        for (var i = 0; i < 6; i++)
        {
            var rotated = await (await tenant.Client.SendJsonAsync(HttpMethod.Post, $"{Endpoints}/{endpointId}/rotate-secret", null)).ReadOkAsync<JsonElement>();
            secrets.Add(rotated.GetProperty("secret").GetString()!);
        }

        var eventId = await LastStockEventAsync(tenant, async () => await tenant.ReceiveAsync("p1", "w1", 1));
        var webhook = (await receiver.WaitForAsync(r => r.Any(x => x.EventId == eventId), Patience, "the delivery")).First(r => r.EventId == eventId);
        Assert.Equal(5, WebhookReceiver.SignaturesOf(webhook).Count);
        Assert.Equal([false, false, true, true, true, true, true], secrets.Select(s => WebhookReceiver.Verifies(webhook, s)));
    }

    /// <summary>
    /// A disabled endpoint's engine has no timer or reminder, so its activation can be collected while it waits, or
    /// go with its silo; the PATCH that enables the endpoint again then activates an engine that never saw it disabled.
    /// </summary>
    [Theory]
    [InlineData("collected")]
    [InlineData("deactivated")]
    public async Task Events_from_while_an_endpoint_was_disabled_are_not_delivered_even_after_its_engine_was_lost(string lost)
    {
        await using var receiver = new WebhookReceiver();
        var tenant = await fixture.NewTenantAsync("hooks-paused");
        await tenant.SeedAsync(["p1"], ["w1"]);
        var created = await (await tenant.Client.SendJsonAsync(HttpMethod.Post, Endpoints, new { url = receiver.Url, eventTypes = new[] { "stock.changed" } }))
            .ReadAsync<JsonElement>(HttpStatusCode.Created);
        var endpointId = created.GetProperty("endpointId").GetString()!;

        var before = await LastStockEventAsync(tenant, async () => await tenant.ReceiveAsync("p1", "w1", 1));
        await receiver.WaitForAsync(r => r.Any(x => x.EventId == before), Patience, "the event before the pause");
        await (await tenant.Client.SendJsonAsync(HttpMethod.Patch, $"{Endpoints}/{endpointId}", new { enabled = false })).ReadOkAsync<JsonElement>();
        if (lost == "collected")
        {
            await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        }
        else
        {
            // What a silo's shutdown does to its activations, whatever keeps them alive.
            await fixture.Grains.GetGrain<IWebhookDeliveryGrain>(GrainKeys.WebhookEndpoint(tenant.Id, endpointId))
                .AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        }

        var during = await LastStockEventAsync(tenant, async () => await tenant.ReceiveAsync("p1", "w1", 2));
        await (await tenant.Client.SendJsonAsync(HttpMethod.Patch, $"{Endpoints}/{endpointId}", new { enabled = true })).ReadOkAsync<JsonElement>();
        var after = await LastStockEventAsync(tenant, async () => await tenant.ReceiveAsync("p1", "w1", 3));

        var received = await receiver.WaitForAsync(r => r.Any(x => x.EventId == after), Patience, "the event after the pause");
        Assert.DoesNotContain(received, r => r.EventId == during);
        // The lost activation saved what it had delivered: the next one does not repeat it.
        Assert.Single(received, r => r.EventId == before);
        Assert.DoesNotContain(
            (await tenant.Client.GetOkAsync<JsonElement>($"{Endpoints}/{endpointId}/deliveries")).GetProperty("items").EnumerateArray(),
            d => d.GetProperty("eventId").GetString() == during);
    }

    /// <summary>
    /// An endpoint enabled while its tenant's log is empty starts at the log's start. Its engine, lost before it had
    /// saved anything, used to treat it as an endpoint from before delivery starts were saved, and jumped to the
    /// log's end on coming back: past the event whose write woke it.
    /// </summary>
    [Fact]
    public async Task An_endpoint_enabled_before_its_tenants_first_event_gets_that_event_even_after_its_engine_was_lost()
    {
        await using var receiver = new WebhookReceiver();
        var tenant = await fixture.NewTenantAsync("hooks-first");
        await tenant.SeedAsync(["p1"], ["w1"]);
        var created = await (await tenant.Client.SendJsonAsync(HttpMethod.Post, Endpoints,
                new { url = receiver.Url, eventTypes = new[] { "stock.changed" }, enabled = false }))
            .ReadAsync<JsonElement>(HttpStatusCode.Created);
        var endpointId = created.GetProperty("endpointId").GetString()!;
        await (await tenant.Client.SendJsonAsync(HttpMethod.Patch, $"{Endpoints}/{endpointId}", new { enabled = true })).ReadOkAsync<JsonElement>();
        await fixture.Grains.GetGrain<IWebhookDeliveryGrain>(GrainKeys.WebhookEndpoint(tenant.Id, endpointId))
            .AsReference<IGrainManagementExtension>().DeactivateOnIdle();

        var first = await LastStockEventAsync(tenant, async () => await tenant.ReceiveAsync("p1", "w1", 1));
        // Its reminder would bring the engine back within a minute; listing its deliveries does at once.
        await tenant.Client.GetOkAsync<JsonElement>($"{Endpoints}/{endpointId}/deliveries");

        await receiver.WaitForAsync(r => r.Any(x => x.EventId == first), Patience, "the tenant's first event");
    }

    private static async Task<string> LastStockEventAsync(TestTenant tenant, Func<Task> write)
    {
        await write();
        return (await tenant.Client.GetOkAsync<JsonElement>("/api/v1/events?types=stock.changed&limit=500")).GetProperty("items")
            .EnumerateArray().Last().GetProperty("eventId").GetString()!;
    }

    [Fact]
    public async Task A_replayed_create_or_rotation_returns_the_first_response_secret_included()
    {
        var tenant = await fixture.NewTenantAsync("hooks-idem");
        var body = new { url = "https://203.0.113.10/idem", eventTypes = new[] { "*" } };
        var first = await tenant.Client.SendJsonAsync(HttpMethod.Post, Endpoints, body, idempotencyKey: "create-1");
        var firstBody = await first.ReadAsync<JsonElement>(HttpStatusCode.Created);
        var replay = await tenant.Client.SendJsonAsync(HttpMethod.Post, Endpoints, body, idempotencyKey: "create-1");

        Assert.Equal(firstBody.GetRawText(), (await replay.ReadAsync<JsonElement>(HttpStatusCode.Created)).GetRawText());
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.Single((await tenant.Client.GetOkAsync<JsonElement>(Endpoints)).GetProperty("items").EnumerateArray());

        var rotatePath = $"{Endpoints}/{firstBody.GetProperty("endpointId").GetString()}/rotate-secret";
        var rotated = await (await tenant.Client.SendJsonAsync(HttpMethod.Post, rotatePath, null, idempotencyKey: "rotate-1")).ReadOkAsync<JsonElement>();
        var rotatedAgain = await (await tenant.Client.SendJsonAsync(HttpMethod.Post, rotatePath, null, idempotencyKey: "rotate-1")).ReadOkAsync<JsonElement>();
        Assert.NotEqual(firstBody.GetProperty("secret").GetString(), rotated.GetProperty("secret").GetString());
        Assert.Equal(rotated.GetProperty("secret").GetString(), rotatedAgain.GetProperty("secret").GetString());
    }
}
