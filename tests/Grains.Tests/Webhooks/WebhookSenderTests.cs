using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Quartermaster.Grains.Webhooks;

namespace Quartermaster.Grains.Tests.Webhooks;

public sealed class WebhookSenderTests : IAsyncLifetime
{
    private static readonly string Secret = WebhookSecrets.New();
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"eventId":"evt_42","type":"order.created","data":{"note":"Grüße"}}""");
    private LoopbackReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await LoopbackReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    private static WebhookSender Sender(string[]? allowedHosts = null, int timeoutSeconds = 10, int maxPerSilo = 64,
        TimeProvider? time = null, ILogger<WebhookSender>? logger = null) =>
        new(Options.Create(new WebhookOptions { TimeoutSeconds = timeoutSeconds, MaxConcurrentPerSilo = maxPerSilo }),
            new AllowedWebhookHosts(allowedHosts ?? ["127.0.0.1"]), time ?? TimeProvider.System, logger ?? NullLogger<WebhookSender>.Instance);

    private static Task<DeliveryAttempt> SendAsync(WebhookSender sender, Uri url, CancellationToken cancellationToken = default) =>
        sender.SendAsync(url, "evt_42", Body, [WebhookSecrets.SigningKey(Secret)], cancellationToken);

    [Fact]
    public async Task A_2xx_succeeds_and_the_receiver_gets_the_body_exactly_with_a_signature_that_verifies()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        using var sender = Sender(time: time);

        var attempt = await SendAsync(sender, _receiver.Url("/ok"));

        Assert.Equal(new DeliveryAttempt(true, 204, null, TimeSpan.Zero), attempt);
        var received = Assert.Single(_receiver.Requests);
        Assert.Equal(Body, received.Body);
        Assert.Equal("application/json", received.ContentType);
        Assert.Equal("evt_42", received.Headers["Quartermaster-Event-Id"]);
        var signature = received.Headers["Quartermaster-Signature"];
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(Secret));
        var expected = Convert.ToHexStringLower(hmac.ComputeHash([.. "1700000000."u8, .. received.Body]));
        Assert.Equal($"t=1700000000,v1={expected}", signature);
    }

    [Fact]
    public async Task A_500_fails_with_its_status_and_at_most_the_kept_bytes_of_its_body()
    {
        using var sender = Sender();

        var attempt = await SendAsync(sender, _receiver.Url("/fail"));

        Assert.False(attempt.Succeeded);
        Assert.Equal(500, attempt.StatusCode);
        Assert.Equal("HTTP 500: " + LoopbackReceiver.Digits(1024), attempt.Error);
        Assert.Single(_receiver.Requests);
    }

    [Fact]
    public async Task A_receiver_slower_than_the_timeout_fails_as_timed_out_near_the_timeout()
    {
        using var sender = Sender(timeoutSeconds: 1);
        var clock = Stopwatch.StartNew();

        var attempt = await SendAsync(sender, _receiver.Url("/slow"));

        clock.Stop();
        Assert.Equal((false, (int?)null, "Timed out after 1 s"), (attempt.Succeeded, attempt.StatusCode, attempt.Error));
        Assert.InRange(attempt.Duration, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4));
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4));
        Assert.Single(_receiver.Requests);
    }

    [Fact]
    public async Task A_body_that_stops_arriving_times_out_too()
    {
        // On a fake clock the deadline passes when the test says so: once the failure status has arrived and its
        // body is being read. On the real clock a starved machine could let the deadline pass before the status line.
        var time = new FakeTimeProvider();
        var readingBody = new LogEventSignal<WebhookSender>(9103);
        using var sender = Sender(timeoutSeconds: 1, time: time, logger: readingBody);

        var sending = SendAsync(sender, _receiver.Url("/slow-body"));
        await readingBody.Logged.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(sending.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        var attempt = await sending.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(new DeliveryAttempt(false, 500, "Timed out after 1 s", TimeSpan.FromSeconds(1)), attempt);
    }

    [Fact]
    public async Task A_redirect_fails_and_is_not_followed()
    {
        using var sender = Sender();

        var attempt = await SendAsync(sender, _receiver.Url("/redirect"));

        Assert.False(attempt.Succeeded);
        Assert.Equal(302, attempt.StatusCode);
        Assert.Contains("redirect", attempt.Error);
        Assert.Equal("/redirect", Assert.Single(_receiver.Requests).Path);
    }

    [Fact]
    public async Task A_closed_port_fails_with_the_connection_error()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var sender = Sender();

        var attempt = await SendAsync(sender, new Uri($"http://127.0.0.1:{port}/hooks"));

        Assert.False(attempt.Succeeded);
        Assert.Null(attempt.StatusCode);
        Assert.Contains("refused", attempt.Error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" at ", attempt.Error);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task Without_the_host_allowed_the_guard_refuses_to_connect_to_loopback(string host)
    {
        using var sender = Sender(allowedHosts: []);

        var attempt = await SendAsync(sender, _receiver.Url("/ok", host));

        Assert.False(attempt.Succeeded);
        Assert.Null(attempt.StatusCode);
        Assert.Contains($"Refused to connect to {host}: it resolves only to blocked addresses", attempt.Error);
        Assert.Empty(_receiver.Requests);
    }

    [Fact]
    public async Task An_allowed_name_is_connected_through_whichever_of_its_addresses_answers()
    {
        // localhost is also ::1, where nothing listens: the guard moves on to 127.0.0.1.
        using var sender = Sender(allowedHosts: ["localhost"]);

        var attempt = await SendAsync(sender, _receiver.Url("/ok", "localhost"));

        Assert.True(attempt.Succeeded, attempt.Error);
        Assert.Single(_receiver.Requests);
    }

    [Fact]
    public async Task The_callers_cancellation_throws()
    {
        using var sender = Sender();
        using var cancel = new CancellationTokenSource();

        var sending = SendAsync(sender, _receiver.Url("/slow"), cancel.Token);
        await _receiver.FirstArrival.WaitAsync(TimeSpan.FromSeconds(10));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
    }

    [Fact]
    public async Task A_silo_has_at_most_its_limit_of_deliveries_in_flight()
    {
        using var sender = Sender(maxPerSilo: 1);

        var first = SendAsync(sender, _receiver.Url("/held"));
        await _receiver.FirstArrival.WaitAsync(TimeSpan.FromSeconds(10));
        var second = SendAsync(sender, _receiver.Url("/ok"));
        // Nothing announces that a request did not start, so give the second its chance to overtake.
        var overtook = await Task.WhenAny(second, Task.Delay(TimeSpan.FromMilliseconds(500))) == second;
        _receiver.Release();
        var attempts = await Task.WhenAll(first, second);

        Assert.False(overtook);
        Assert.All(attempts, a => Assert.True(a.Succeeded, a.Error));
        Assert.Equal(["/held", "/ok"], _receiver.Requests.Select(r => r.Path));
        Assert.Equal(1, _receiver.MaxInFlight);
    }
}
