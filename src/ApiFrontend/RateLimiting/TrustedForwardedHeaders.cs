using IPNetwork = System.Net.IPNetwork;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Quartermaster.ApiFrontend.RateLimiting;

/// <summary>
/// The client address that unauthenticated limits key on. X-Forwarded-For is believed only from the configured
/// proxy networks (and only its last hop), so a client cannot pick its own address by sending the header.
/// </summary>
public static class TrustedForwardedHeaders
{
    public static WebApplication UseTrustedForwardedHeaders(this WebApplication app)
    {
        var proxies = app.Services.GetRequiredService<IOptions<UnauthenticatedRateLimitOptions>>().Value.TrustedProxies;
        if (proxies.Count == 0)
        {
            return app;
        }

        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor, ForwardLimit = 1 };
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (var network in proxies)
        {
            options.KnownIPNetworks.Add(IPNetwork.Parse(network));
        }

        app.UseForwardedHeaders(options);
        return app;
    }

    /// <summary>For start-up validation: every entry must be a CIDR network.</summary>
    public static bool AreValid(IEnumerable<string> proxies) => proxies.All(p => IPNetwork.TryParse(p, out _));
}
