using System.Globalization;
using Microsoft.Extensions.Options;
using Quartermaster.ApiFrontend.Problems;
using Quartermaster.ApiFrontend.Security;
using Quartermaster.ApiFrontend.Settings;

namespace Quartermaster.ApiFrontend.RateLimiting;

/// <summary>
/// Runs right after authentication, before authorization, idempotency and body binding, so every request that
/// presents a tenant key counts against that tenant whatever its outcome (400, 404, an unknown route, a replay),
/// and every request with no valid key counts against its client address. The admin key and the operations
/// endpoints are not limited. Answers 429 `rate_limited` with Retry-After and the RateLimit-* headers, which every tenant response carries too.
/// </summary>
internal sealed class RequestRateLimitMiddleware(
    RequestDelegate next, ITenantRateLimiter limiter, TenantSettingsCache settings, IOptionsMonitor<UnauthenticatedRateLimitOptions> unauthenticated)
{
    /// <summary>Bucket names for addresses; tenant ids never contain ':', so the two never share a bucket.</summary>
    private const string AddressBucketPrefix = "address:";

    public async Task InvokeAsync(HttpContext context)
    {
        if (OperationsPaths.Contains(context.Request.Path) || context.User.IsInRole(QuartermasterClaims.AdminRole))
        {
            await next(context);
            return;
        }

        if (context.User.FindFirst(QuartermasterClaims.TenantId)?.Value is { } tenantId)
        {
            await LimitTenantAsync(context, tenantId);
            return;
        }

        var limits = unauthenticated.CurrentValue;
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var decision = await limiter.TryAcquireAsync(AddressBucketPrefix + address, limits.PerSecond, limits.Burst, context.RequestAborted);
        if (decision.Allowed)
        {
            await next(context);
            return;
        }

        // Only the refusal shows the address bucket: a 401 says nothing about limits, but a 429 explains itself.
        SetRateLimitHeaders(context, limits.Burst, decision);
        await RefuseAsync(context, decision,
            $"Requests without a valid API key are limited to {limits.PerSecond} a second per client address; retry after the Retry-After delay.");
    }

    private async Task LimitTenantAsync(HttpContext context, string tenantId)
    {
        var limits = await settings.GetSettingsAsync(tenantId);
        var decision = await limiter.TryAcquireAsync(tenantId, limits.RateLimitPerSecond, limits.RateLimitBurst, context.RequestAborted);
        SetRateLimitHeaders(context, limits.RateLimitBurst, decision);
        if (decision.Allowed)
        {
            await next(context);
            return;
        }

        await RefuseAsync(context, decision,
            $"This tenant may make {limits.RateLimitPerSecond} requests a second (bursts of {limits.RateLimitBurst}); retry after the Retry-After delay.");
    }

    private static void SetRateLimitHeaders(HttpContext context, int burst, RateDecision decision)
    {
        context.Response.Headers["RateLimit-Limit"] = burst.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["RateLimit-Reset"] = ResetSeconds(decision).ToString(CultureInfo.InvariantCulture);
    }

    private static long ResetSeconds(RateDecision decision) => (long)Math.Ceiling(decision.RetryAfter.TotalSeconds);

    private static Task RefuseAsync(HttpContext context, RateDecision decision, string detail)
    {
        context.Response.Headers.RetryAfter = Math.Max(1, ResetSeconds(decision)).ToString(CultureInfo.InvariantCulture);
        return ApiProblems.Create(StatusCodes.Status429TooManyRequests, ProblemCodes.RateLimited, "Rate limit exceeded.", detail)
            .ExecuteAsync(context);
    }
}
