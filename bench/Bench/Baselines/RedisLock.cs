using System.Security.Cryptography;
using StackExchange.Redis;

namespace Quartermaster.Bench.Baselines;

/// <summary>
/// The lock keys of the design Quartermaster replaces: <c>SET key token NX PX ttl</c> with a random token, polled
/// with a short jittered backoff until a deadline, and released only by its owner through a compare-and-delete
/// script. Like the original, it is only as safe as the TTL is long: a holder stalled past it loses the lock unaware.
/// </summary>
internal sealed partial class RedisLock(BaselineRedis redis, TimeProvider clock, ILogger<RedisLock> logger)
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan AcquireTimeout = TimeSpan.FromSeconds(5);
    private const int MaxBackoffMilliseconds = 20;

    private const string ReleaseScript = """
        if redis.call('get', KEYS[1]) == ARGV[1] then
            return redis.call('del', KEYS[1])
        end
        return 0
        """;

    /// <summary>Takes the lock of every item, in sorted key order, or none of them (then throws <see cref="LockTimeoutException"/>).</summary>
    public Task<HeldLocks> AcquireAsync(IEnumerable<ItemKey> items, CancellationToken cancellationToken) =>
        AcquireAsync(items.Select(item => item.LockKey), cancellationToken);

    /// <summary>Takes every lock key, in ordinal order (one order for every caller, so none can deadlock), or none of them.</summary>
    public async Task<HeldLocks> AcquireAsync(IEnumerable<string> lockKeys, CancellationToken cancellationToken)
    {
        var held = new HeldLocks(this, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
        var started = clock.GetTimestamp();
        try
        {
            foreach (var key in lockKeys.Distinct().Order(StringComparer.Ordinal))
            {
                await AcquireOneAsync(key, held.Token, started, cancellationToken);
                held.Add(key);
            }

            return held;
        }
        catch
        {
            await held.DisposeAsync();
            throw;
        }
    }

    internal async Task ReleaseAsync(IReadOnlyList<string> keys, string token)
    {
        try
        {
            var released = await Task.WhenAll(keys.Select(key => redis.Database.ScriptEvaluateAsync(ReleaseScript, [key], [token])));
            for (var i = 0; i < keys.Count; i++)
            {
                if ((long)released[i] != 1)
                {
                    LogLockLost(keys[i], Ttl);
                }
            }
        }
        catch (Exception error) when (error is RedisException or TimeoutException)
        {
            // The work is committed by now: the caller must hear of that, and the keys expire on their own.
            LogReleaseFailed(error, keys.Count, Ttl);
        }
    }

    private async Task AcquireOneAsync(string key, string token, long started, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await redis.Database.StringSetAsync(key, token, Ttl, When.NotExists))
            {
                return;
            }

            if (clock.GetElapsedTime(started) >= AcquireTimeout)
            {
                throw new LockTimeoutException($"Lock '{key}' was still taken after {AcquireTimeout.TotalSeconds:0} s.");
            }

            var ceiling = Math.Min(MaxBackoffMilliseconds, 1 << Math.Min(attempt, 5));
            await Task.Delay(TimeSpan.FromMilliseconds(1 + (Random.Shared.NextDouble() * ceiling)), clock, cancellationToken);
        }
    }

    [LoggerMessage(EventId = 9101, Level = LogLevel.Warning,
        Message = "Lock {Key} had expired (TTL {Ttl}) or passed to another owner before its release: its critical section was not exclusive")]
    private partial void LogLockLost(string key, TimeSpan ttl);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Warning, Message = "Could not release {Count} lock key(s); they expire within {Ttl}")]
    private partial void LogReleaseFailed(Exception error, int count, TimeSpan ttl);
}
