using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Quartermaster.Tests.Shared;

/// <summary>
/// A real HTTP receiver on loopback that records every delivery it gets and answers as told: accept (200),
/// fail (500), hang (answer nothing until the sender gives up), or be stopped (connection refused) and
/// started again on the same port.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public enum Behaviour
    {
        Accept,
        Fail,
        Hang,
    }

    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly CancellationTokenSource _disposed = new();
    private HttpListener? _listener;
    private Task? _loop;

    public WebhookReceiver()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Start();
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/hooks";

    public Behaviour Mode { get; set; } = Behaviour.Accept;

    /// <summary>Where set, how to answer a delivery of the given event id; null from it means <see cref="Mode"/>.</summary>
    public Func<string, Behaviour?>? ModeOf { get; set; }

    public IReadOnlyList<ReceivedWebhook> Received => _received.ToList();

    /// <summary>The deliveries answered 2xx, in arrival order.</summary>
    public IReadOnlyList<ReceivedWebhook> Accepted => _received.Where(r => r.AnsweredStatus == 200).ToList();

    public void Start()
    {
        _listener = new HttpListener();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        var listener = _listener;
        _loop = Task.Run(() => ServeAsync(listener));
    }

    /// <summary>Stops listening: further deliveries find the port closed.</summary>
    public async Task StopAsync()
    {
        // Close alone: Stop first removes the port's endpoint listener, and Close then looks it up again, which makes
        // a new one on the same port; when a connection is already waiting there (an engine retrying at the moment
        // the test ends) the runtime's managed listener throws ArgumentNullException from its accept.
        _listener?.Close();
        _listener = null;
        if (_loop is not null)
        {
            await _loop;
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds for what was received, or fails after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var received = Received;
            if (condition(received))
            {
                return received;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds} s for {what}; received {received.Count} deliveries "
                    + $"({received.Count(r => r.AnsweredStatus == 200)} accepted).");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Whether <paramref name="signatureHeader"/> carries a v1 signature of this body made with <paramref name="secret"/>.</summary>
    public static bool Verifies(ReceivedWebhook webhook, string secret) =>
        SignaturesOf(webhook).Contains(Sign(secret, webhook.Timestamp, webhook.Body));

    public static IReadOnlyList<string> SignaturesOf(ReceivedWebhook webhook) =>
        webhook.Signature.Split(',').Where(p => p.StartsWith("v1=", StringComparison.Ordinal)).Select(p => p[3..]).ToList();

    public static string Sign(string secret, long timestamp, byte[] body)
    {
        var signed = Encoding.UTF8.GetBytes($"{timestamp}.").Concat(body).ToArray();
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    public async ValueTask DisposeAsync()
    {
        _disposed.Cancel();
        await StopAsync();
    }

    private async Task ServeAsync(HttpListener listener)
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        var eventId = context.Request.Headers["Quartermaster-Event-Id"] ?? string.Empty;
        var mode = ModeOf?.Invoke(eventId) ?? Mode;
        var status = mode == Behaviour.Accept ? 200 : 500;
        var signature = context.Request.Headers["Quartermaster-Signature"] ?? string.Empty;
        var timestamp = signature.Split(',').Where(p => p.StartsWith("t=", StringComparison.Ordinal))
            .Select(p => long.TryParse(p[2..], out var t) ? t : 0).FirstOrDefault();
        _received.Enqueue(new ReceivedWebhook(
            eventId, signature, timestamp, body.ToArray(),
            context.Request.ContentType, DateTimeOffset.UtcNow, mode == Behaviour.Hang ? 0 : status));
        try
        {
            if (mode == Behaviour.Hang)
            {
                await Task.Delay(TimeSpan.FromSeconds(30), _disposed.Token);
            }

            context.Response.StatusCode = status;
            context.Response.Close();
        }
        catch (Exception e) when (e is OperationCanceledException or HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            context.Response.Abort();
        }
    }
}

/// <summary>One request as the receiver got it; <see cref="AnsweredStatus"/> 0 when it never answered.</summary>
public sealed record ReceivedWebhook(
    string EventId, string Signature, long Timestamp, byte[] Body, string? ContentType, DateTimeOffset At, int AnsweredStatus);
