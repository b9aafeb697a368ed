using System.ComponentModel.DataAnnotations;

namespace Quartermaster.ApiFrontend.RateLimiting;

/// <summary>
/// Requests that present no valid key are limited per client address. Behind an ingress every request comes
/// from the ingress' address, so its networks must be listed here for X-Forwarded-For to be believed.
/// </summary>
public sealed class UnauthenticatedRateLimitOptions
{
    public const string Section = "Quartermaster:UnauthenticatedRateLimit";

    [Range(1, 1_000_000)]
    public int PerSecond { get; set; } = 10;

    [Range(1, 10_000_000)]
    public int Burst { get; set; } = 50;

    /// <summary>CIDR networks of the proxies (ingress) whose X-Forwarded-For is trusted, e.g. "10.0.0.0/8".</summary>
    public List<string> TrustedProxies { get; set; } = [];
}
