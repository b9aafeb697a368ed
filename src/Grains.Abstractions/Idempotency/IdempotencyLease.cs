namespace Quartermaster.Grains.Abstractions.Idempotency;

/// <summary>
/// How long an Idempotency-Key stays "in progress" without word from the request that holds it. The frontend
/// running the request renews the lease while it runs, so a slow request keeps its key; a frontend or silo that
/// dies stops renewing, and a retry takes the key over within <see cref="Duration"/> instead of being refused.
/// </summary>
public static class IdempotencyLease
{
    /// <summary>Long enough to ride out a missed renewal or two (a GC pause, a busy silo), short enough for a retry.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(1.5);
}
