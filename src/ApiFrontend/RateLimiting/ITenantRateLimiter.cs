namespace Quartermaster.ApiFrontend.RateLimiting;

/// <summary>A token bucket per tenant: `rate` tokens a second, holding at most `burst`.</summary>
public interface ITenantRateLimiter
{
    Task<RateDecision> TryAcquireAsync(string tenantId, int rate, int burst, CancellationToken cancellationToken);
}
