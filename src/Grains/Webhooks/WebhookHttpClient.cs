namespace Quartermaster.Grains.Webhooks;

/// <summary>The one HttpClient a silo delivers webhooks with.</summary>
internal static class WebhookHttpClient
{
    public static HttpClient Create(WebhookConnectGuard guard) => new(new SocketsHttpHandler
    {
        ConnectCallback = guard.ConnectAsync,
        // A redirect could lead anywhere the URL policy would refuse; a 3xx is reported as a failed attempt.
        AllowAutoRedirect = false,
        // Through a proxy the guard would judge the proxy's address, not the receiver's.
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
        // New connections resolve again, so a receiver's DNS change is seen within minutes.
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        // Unread answers are drained only this far to keep the connection; anything longer closes it.
        MaxResponseDrainSize = 4096,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
        DefaultRequestHeaders = { { "User-Agent", "Quartermaster-Webhooks/1" } },
    };
}
