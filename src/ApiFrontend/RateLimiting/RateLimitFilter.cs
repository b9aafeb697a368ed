using System.Globalization;
using Quartermaster.ApiFrontend.Problems;
using Quartermaster.ApiFrontend.Security;
using Quartermaster.ApiFrontend.Settings;

namespace Quartermaster.ApiFrontend.RateLimiting;

/// <summary>
/// Limits each tenant to its rateLimitPerSecond/rateLimitBurst across all frontends; answers 429
/// `rate_limited` with Retry-After, and RateLimit-* headers on every tenant response.
/// </summary>
internal sealed class RateLimitFilter(ITenantRateLimiter limiter, TenantSettingsCache settings, TenantContext tenant) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var limits = await settings.GetSettingsAsync(tenant.TenantId);
        var decision = await limiter.TryAcquireAsync(tenant.TenantId, limits.RateLimitPerSecond, limits.RateLimitBurst, http.RequestAborted);
        var reset = (long)Math.Ceiling(decision.RetryAfter.TotalSeconds);
        http.Response.Headers["RateLimit-Limit"] = limits.RateLimitBurst.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["RateLimit-Reset"] = reset.ToString(CultureInfo.InvariantCulture);
        if (decision.Allowed)
        {
            return await next(context);
        }

        http.Response.Headers.RetryAfter = Math.Max(1, reset).ToString(CultureInfo.InvariantCulture);
        return ApiProblems.Create(StatusCodes.Status429TooManyRequests, ProblemCodes.RateLimited, "Rate limit exceeded.",
            $"This tenant may make {limits.RateLimitPerSecond} requests a second (bursts of {limits.RateLimitBurst}); retry after the Retry-After delay.");
    }
}
