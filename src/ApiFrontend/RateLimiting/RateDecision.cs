namespace Quartermaster.ApiFrontend.RateLimiting;

/// <param name="Remaining">Whole tokens left in the tenant's bucket after this request.</param>
/// <param name="RetryAfter">When refused: how long until one token is back.</param>
public sealed record RateDecision(bool Allowed, long Remaining, TimeSpan RetryAfter);
