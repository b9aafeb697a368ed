using System.Collections.Concurrent;
using Quartermaster.ServiceDefaults.Resilience;
using StackExchange.Redis;

namespace Quartermaster.ApiFrontend.RateLimiting;

/// <summary>
/// One bucket per tenant in Redis, shared by every frontend: the refill and the take happen in one Lua
/// script on Redis' own clock, so frontends neither race nor need synchronised clocks. A busy tenant's
/// frontend takes a small lease of tokens at a time (a fiftieth of a second's worth, used within 100 ms or
/// dropped), so Redis sees one call per lease rather than one per request; a tenant whose rate gives a
/// lease of one token is limited call by call, exactly as before. Leased tokens that go unused are lost,
/// so leasing can only admit less than the limit, never more. If Redis is down the local limiter takes
/// over rather than refusing traffic, and after a few failures in a row the Redis circuit breaker keeps requests
/// off Redis until its probe finds Redis answering again. A client that has lost its connection (a frozen Redis makes
/// it give up after its first timeouts) fails each call at once under the shipped fail-fast backlog, and that counts
/// as a failure like a timeout, so the breaker opens then too.
/// </summary>
public sealed partial class RedisTenantRateLimiter(
    IConnectionMultiplexer redis,
    [FromKeyedServices(StoreBreakers.Redis)] CircuitBreaker breaker,
    LocalTenantRateLimiter fallback,
    TimeProvider clock,
    ILogger<RedisTenantRateLimiter> logger) : ITenantRateLimiter
{
    private const string Script = """
        local rate = tonumber(ARGV[1])
        local burst = tonumber(ARGV[2])
        local want = tonumber(ARGV[3])
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
        local tokens = tonumber(state[1]) or burst
        local at = tonumber(state[2]) or now
        tokens = math.min(burst, tokens + math.max(0, now - at) * rate / 1000)
        local granted = math.min(want, math.floor(tokens))
        tokens = tokens - granted
        redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
        redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
        local wait = 0
        if granted == 0 then wait = math.ceil((1 - tokens) * 1000 / rate) end
        return { granted, math.floor(tokens), wait }
        """;

    private static readonly TimeSpan LeaseLifetime = TimeSpan.FromMilliseconds(100);
    private const int LeasesPerSecond = 50;

    private readonly ConcurrentDictionary<string, Lease> _leases = new(StringComparer.Ordinal);

    public async Task<RateDecision> TryAcquireAsync(string tenantId, int rate, int burst, CancellationToken cancellationToken)
    {
        if (breaker.IsOpen)
        {
            // Known to be down: do not make every request wait for a timeout to find out again.
            return await fallback.TryAcquireAsync(tenantId, rate, burst, cancellationToken);
        }

        if (_leases.Count > LocalTenantRateLimiter.PruneAbove)
        {
            // Buckets per client address make many leases; dropping them only forgoes leased tokens (admits less).
            _leases.Clear();
        }

        var lease = _leases.GetOrAdd(tenantId, _ => new Lease());
        var want = Math.Clamp(rate / LeasesPerSecond, 1, burst);
        var lifetime = (long)(LeaseLifetime.TotalSeconds * clock.TimestampFrequency);
        try
        {
            while (true)
            {
                if (lease.TryTake(clock.GetTimestamp(), out var remaining))
                {
                    return new RateDecision(true, remaining, TimeSpan.Zero);
                }

                // One refill at a time per tenant: requests that find the lease empty together share it,
                // instead of each taking a lease of its own and wasting most of them.
                var refill = await lease.RefillAsync(() => TakeFromRedisAsync(tenantId, rate, burst, want), clock, lifetime);
                if (refill.Granted == 0)
                {
                    return new RateDecision(false, 0, refill.Wait);
                }
            }
        }
        catch (Exception error) when (IsRedisFailure(error, cancellationToken))
        {
            breaker.RecordFailure(error);
            LogFallback(error, tenantId);
            return await fallback.TryAcquireAsync(tenantId, rate, burst, cancellationToken);
        }
    }

    /// <summary>
    /// Anything the Redis leg throws but the caller giving up: a connection that breaks mid-write surfaces from the
    /// client's pipe as an <see cref="InvalidOperationException"/>, not as a <see cref="RedisException"/>, and a
    /// limiter must never turn Redis' trouble into a failed request.
    /// </summary>
    private static bool IsRedisFailure(Exception error, CancellationToken cancellationToken) =>
        !(error is OperationCanceledException && cancellationToken.IsCancellationRequested);

    private async Task<Refill> TakeFromRedisAsync(string tenantId, int rate, int burst, int want)
    {
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(
            Script, [new RedisKey($"quartermaster/ratelimit/{tenantId}")], [rate, burst, want]))!;
        breaker.RecordSuccess();
        return new Refill((long)result[0], (long)result[1], TimeSpan.FromMilliseconds((long)result[2]));
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Redis rate limiting unavailable for tenant {TenantId}; limiting locally")]
    private partial void LogFallback(Exception error, string tenantId);

    private sealed record Refill(long Granted, long BucketLeft, TimeSpan Wait);

    /// <summary>Tokens this frontend has taken from the tenant's shared bucket and not used yet.</summary>
    private sealed class Lease
    {
        private readonly Lock _gate = new();
        private long _tokens;
        private long _bucketLeft;
        private long _expiresAt;
        private Task<Refill>? _refill;

        public bool TryTake(long now, out long remaining)
        {
            lock (_gate)
            {
                if (_tokens <= 0 || now >= _expiresAt)
                {
                    remaining = 0;
                    return false;
                }

                _tokens--;
                remaining = _bucketLeft + _tokens;
                return true;
            }
        }

        public Task<Refill> RefillAsync(Func<Task<Refill>> take, TimeProvider clock, long lifetime)
        {
            lock (_gate)
            {
                return _refill ??= RunAsync(take, clock, lifetime);
            }
        }

        private async Task<Refill> RunAsync(Func<Task<Refill>> take, TimeProvider clock, long lifetime)
        {
            // Returns to RefillAsync first, so the task is stored before it can finish and be cleared.
            await Task.Yield();
            try
            {
                var refill = await take();
                lock (_gate)
                {
                    var now = clock.GetTimestamp();
                    // Tokens of an expired lease are dropped: they stood for capacity of a moment now past.
                    _tokens = (now < _expiresAt ? _tokens : 0) + refill.Granted;
                    _bucketLeft = refill.BucketLeft;
                    _expiresAt = now + lifetime;
                }

                return refill;
            }
            finally
            {
                lock (_gate)
                {
                    _refill = null;
                }
            }
        }
    }
}
