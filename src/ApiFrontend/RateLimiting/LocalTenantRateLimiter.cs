using System.Collections.Concurrent;

namespace Quartermaster.ApiFrontend.RateLimiting;

/// <summary>
/// Buckets in this process: right for the embedded single-process mode, and the fallback when Redis is
/// unreachable (each frontend then limits on its own, which is looser but never stops the service).
/// </summary>
public sealed class LocalTenantRateLimiter(TimeProvider clock) : ITenantRateLimiter
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    public Task<RateDecision> TryAcquireAsync(string tenantId, int rate, int burst, CancellationToken cancellationToken)
    {
        var bucket = _buckets.GetOrAdd(tenantId, _ => new Bucket(burst, clock.GetTimestamp()));
        lock (bucket)
        {
            var now = clock.GetTimestamp();
            bucket.Tokens = Math.Min(burst, bucket.Tokens + clock.GetElapsedTime(bucket.At, now).TotalSeconds * rate);
            bucket.At = now;
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                return Task.FromResult(new RateDecision(true, (long)bucket.Tokens, TimeSpan.Zero));
            }

            return Task.FromResult(new RateDecision(false, 0, TimeSpan.FromSeconds((1 - bucket.Tokens) / rate)));
        }
    }

    private sealed class Bucket(double tokens, long at)
    {
        public double Tokens { get; set; } = tokens;

        public long At { get; set; } = at;
    }
}
