using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Quartermaster.ServiceDefaults.Health;

/// <summary>Healthy when Redis answers PING; otherwise the registration's failure status (degraded).</summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(3), cancellationToken);
            return HealthCheckResult.Healthy($"Redis answers ({latency.TotalMilliseconds:F1} ms).");
        }
        catch (Exception error) when (error is RedisException or TimeoutException)
        {
            // Losing Redis loses only idempotency replays and caches: the service degrades, it does not stop.
            return new HealthCheckResult(context.Registration.FailureStatus, "Redis did not answer.", error);
        }
    }
}
