using StackExchange.Redis;

namespace Quartermaster.ApiFrontend.RateLimiting;

/// <summary>
/// One bucket per tenant in Redis, shared by every frontend: the refill and the take happen in one Lua
/// script on Redis' own clock, so frontends neither race nor need synchronised clocks. If Redis is down
/// the local limiter takes over rather than refusing traffic.
/// </summary>
public sealed partial class RedisTenantRateLimiter(
    IConnectionMultiplexer redis, LocalTenantRateLimiter fallback, ILogger<RedisTenantRateLimiter> logger) : ITenantRateLimiter
{
    private const string Script = """
        local rate = tonumber(ARGV[1])
        local burst = tonumber(ARGV[2])
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
        local tokens = tonumber(state[1]) or burst
        local at = tonumber(state[2]) or now
        tokens = math.min(burst, tokens + math.max(0, now - at) * rate / 1000)
        local allowed = 0
        if tokens >= 1 then
            tokens = tokens - 1
            allowed = 1
        end
        redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
        redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
        local wait = 0
        if allowed == 0 then wait = math.ceil((1 - tokens) * 1000 / rate) end
        return { allowed, math.floor(tokens), wait }
        """;

    public async Task<RateDecision> TryAcquireAsync(string tenantId, int rate, int burst, CancellationToken cancellationToken)
    {
        if (!redis.IsConnected)
        {
            // Known to be down: do not make every request wait for a timeout to find out again.
            return await fallback.TryAcquireAsync(tenantId, rate, burst, cancellationToken);
        }

        try
        {
            var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(
                Script, [new RedisKey($"quartermaster/ratelimit/{tenantId}")], [rate, burst]))!;
            return new RateDecision((long)result[0] == 1, (long)result[1], TimeSpan.FromMilliseconds((long)result[2]));
        }
        catch (Exception error) when (error is RedisException or TimeoutException)
        {
            LogFallback(error, tenantId);
            return await fallback.TryAcquireAsync(tenantId, rate, burst, cancellationToken);
        }
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Redis rate limiting unavailable for tenant {TenantId}; limiting locally")]
    private partial void LogFallback(Exception error, string tenantId);
}
