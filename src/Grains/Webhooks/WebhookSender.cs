using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Quartermaster.Grains.Webhooks;

/// <summary>
/// Makes one delivery attempt: a signed POST through the guarded client, bounded in time and, per silo, in
/// number. Whatever the receiver does comes back as a <see cref="DeliveryAttempt"/>; only the caller's
/// cancellation throws. Retries and the per-endpoint bound belong to the caller.
/// </summary>
public sealed partial class WebhookSender(
    IOptions<WebhookOptions> options,
    AllowedWebhookHosts allowedHosts,
    TimeProvider timeProvider,
    ILogger<WebhookSender> logger) : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _client = WebhookHttpClient.Create(new WebhookConnectGuard(allowedHosts));
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentPerSilo);
    private readonly TimeSpan _timeout = TimeSpan.FromSeconds(options.Value.TimeoutSeconds);
    private readonly int _maxResponseBytesKept = options.Value.MaxResponseBytesKept;

    /// <param name="secrets">HMAC keys of the endpoint's live secrets (<see cref="WebhookSecrets.SigningKey"/>), newest first.</param>
    public async Task<DeliveryAttempt> SendAsync(Uri url, string eventId, ReadOnlyMemory<byte> body, IReadOnlyList<byte[]> secrets,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
        {
            throw new ArgumentException("A webhook URL is absolute.", nameof(url));
        }

        ArgumentException.ThrowIfNullOrEmpty(eventId);
        ArgumentNullException.ThrowIfNull(secrets);
        if (secrets.Count == 0)
        {
            throw new ArgumentException("A delivery is signed with at least one secret.", nameof(secrets));
        }

        await _slots.WaitAsync(cancellationToken);
        try
        {
            var attempt = await AttemptAsync(url, eventId, body, secrets, cancellationToken);
            if (attempt.Succeeded)
            {
                LogDelivered(logger, eventId, url.Host, attempt.StatusCode, attempt.Duration.TotalMilliseconds);
            }
            else
            {
                LogFailed(logger, eventId, url.Host, attempt.StatusCode, attempt.Duration.TotalMilliseconds, attempt.Error);
            }

            return attempt;
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task<DeliveryAttempt> AttemptAsync(Uri url, string eventId, ReadOnlyMemory<byte> body, IReadOnlyList<byte[]> secrets,
        CancellationToken cancellationToken)
    {
        // Signed once a slot is free, so the timestamp a receiver checks for freshness is the sending time.
        var signature = WebhookSigner.SignatureHeader(secrets, timeProvider.GetUtcNow().ToUnixTimeSeconds(), body.Span);
        var started = timeProvider.GetTimestamp();
        // The deadline covers connecting, the status line and the error body alike, so a trickling receiver times out too.
        using var deadline = new CancellationTokenSource(_timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        int? status = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ReadOnlyMemoryContent(body) };
            request.Content.Headers.ContentType = Json;
            request.Headers.Add(WebhookHeaders.EventId, eventId);
            request.Headers.Add(WebhookHeaders.Signature, signature);
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            status = (int)response.StatusCode;
            string? error = null;
            if (!response.IsSuccessStatusCode)
            {
                LogReadingErrorBody(logger, eventId, url.Host, status.Value);
                error = await ErrorTextAsync(response, linked.Token);
            }

            return new DeliveryAttempt(error is null, status, error, timeProvider.GetElapsedTime(started));
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException
                                  && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var seconds = _timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture);
            return new DeliveryAttempt(false, status, $"Timed out after {seconds} s", timeProvider.GetElapsedTime(started));
        }
        catch (Exception e) when (e is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return new DeliveryAttempt(false, status, Describe(e), timeProvider.GetElapsedTime(started));
        }
    }

    private async Task<string> ErrorTextAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = $"HTTP {(int)response.StatusCode}";
        if ((int)response.StatusCode is >= 300 and < 400)
        {
            return $"{status}: redirects are not followed";
        }

        var kept = new byte[_maxResponseBytesKept];
        var length = 0;
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        int read;
        while (length < kept.Length && (read = await stream.ReadAsync(kept.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        var text = Encoding.UTF8.GetString(kept, 0, length).Trim();
        return text.Length == 0 ? status : $"{status}: {text}";
    }

    /// <summary>The messages of an exception and its causes, never its stack.</summary>
    private static string Describe(Exception exception)
    {
        var text = new StringBuilder(exception.Message);
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (!text.ToString().Contains(inner.Message, StringComparison.Ordinal))
            {
                text.Append(": ").Append(inner.Message);
            }
        }

        return text.ToString();
    }

    public void Dispose()
    {
        _client.Dispose();
        _slots.Dispose();
    }

    [LoggerMessage(EventId = 9101, Level = LogLevel.Debug, Message = "Webhook {EventId} to {Host}: delivered, HTTP {StatusCode} in {ElapsedMs:0} ms")]
    private static partial void LogDelivered(ILogger logger, string eventId, string host, int? statusCode, double elapsedMs);

    [LoggerMessage(EventId = 9103, Level = LogLevel.Debug, Message = "Webhook {EventId} to {Host}: answered HTTP {StatusCode}, reading the start of its body")]
    private static partial void LogReadingErrorBody(ILogger logger, string eventId, string host, int statusCode);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Information, Message = "Webhook {EventId} to {Host}: attempt failed after {ElapsedMs:0} ms, status {StatusCode}: {Error}")]
    private static partial void LogFailed(ILogger logger, string eventId, string host, int? statusCode, double elapsedMs, string? error);
}
