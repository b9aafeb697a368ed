using System.Collections.Concurrent;

namespace Quartermaster.ApiFrontend.RateLimiting;

/// <summary>
/// Buckets in this process: right for the embedded single-process mode, and the fallback when Redis is
/// unreachable (each frontend then limits on its own, which is looser but never stops the service).
/// Buckets are also kept per client address, so their number is bounded: past <see cref="PruneAbove"/>,
/// buckets that have refilled completely are dropped (a new bucket starts full, so nothing is lost).
/// </summary>
public sealed class LocalTenantRateLimiter(TimeProvider clock) : ITenantRateLimiter
{
    public const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private long _lastPrune;

    public int BucketCount => _buckets.Count;

    public Task<RateDecision> TryAcquireAsync(string tenantId, int rate, int burst, CancellationToken cancellationToken)
    {
        if (!_buckets.TryGetValue(tenantId, out var bucket))
        {
            PruneIfCrowded();
            bucket = _buckets.GetOrAdd(tenantId, _ => new Bucket(burst, clock.GetTimestamp()));
        }

        lock (bucket)
        {
            var now = clock.GetTimestamp();
            bucket.Tokens = Math.Min(burst, bucket.Tokens + clock.GetElapsedTime(bucket.At, now).TotalSeconds * rate);
            bucket.At = now;
            bucket.Rate = rate;
            bucket.Burst = burst;
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                return Task.FromResult(new RateDecision(true, (long)bucket.Tokens, TimeSpan.Zero));
            }

            return Task.FromResult(new RateDecision(false, 0, TimeSpan.FromSeconds((1 - bucket.Tokens) / rate)));
        }
    }

    private void PruneIfCrowded()
    {
        var now = clock.GetTimestamp();
        var last = Interlocked.Read(ref _lastPrune);
        if (_buckets.Count <= PruneAbove || clock.GetElapsedTime(last, now) < TimeSpan.FromSeconds(1)
            || Interlocked.CompareExchange(ref _lastPrune, now, last) != last)
        {
            return;
        }

        foreach (var (name, bucket) in _buckets)
        {
            lock (bucket)
            {
                if (bucket.Tokens + clock.GetElapsedTime(bucket.At, now).TotalSeconds * bucket.Rate >= bucket.Burst)
                {
                    _buckets.TryRemove(new KeyValuePair<string, Bucket>(name, bucket));
                }
            }
        }
    }

    private sealed class Bucket(double tokens, long at)
    {
        public double Tokens { get; set; } = tokens;

        public long At { get; set; } = at;

        public int Rate { get; set; } = 1;

        public int Burst { get; set; } = int.MaxValue;
    }
}
