using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Quartermaster.ServiceDefaults.Resilience;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>The breaker shared by the Redis and PostgreSQL paths, on a fake clock.</summary>
public sealed class CircuitBreakerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void Opens_after_the_failures_in_a_row_and_a_success_between_them_resets_the_count()
    {
        var opened = 0;
        using var breaker = new CircuitBreaker("store", _ => Task.CompletedTask, _clock, NullLogger.Instance, () => opened++);

        for (var i = 1; i < CircuitBreaker.FailuresToOpen; i++)
        {
            breaker.RecordFailure(new TimeoutException());
        }

        breaker.RecordSuccess();
        for (var i = 1; i < CircuitBreaker.FailuresToOpen; i++)
        {
            breaker.RecordFailure(new TimeoutException());
        }

        Assert.False(breaker.IsOpen);
        breaker.RecordFailure(new TimeoutException());
        breaker.RecordFailure(new TimeoutException());

        Assert.True(breaker.IsOpen);
        Assert.Equal(1, opened);
    }

    [Fact]
    public async Task While_open_it_probes_every_interval_and_closes_at_the_first_answer()
    {
        var storeIsBack = false;
        var probes = 0;
        var probed = new SemaphoreSlim(0);
        using var breaker = new CircuitBreaker("store", _ =>
        {
            Interlocked.Increment(ref probes);
            probed.Release();
            return storeIsBack ? Task.CompletedTask : throw new TimeoutException("still down");
        }, _clock, NullLogger.Instance);
        Open(breaker);

        Assert.Equal(0, probes);
        _clock.Advance(CircuitBreaker.ProbeInterval);
        Assert.True(await probed.WaitAsync(Patience));
        Assert.True(breaker.IsOpen);

        storeIsBack = true;
        await AdvanceUntilAsync(() => !breaker.IsOpen);

        Assert.True(probes >= 2);
        breaker.RecordFailure(new TimeoutException());
        Assert.False(breaker.IsOpen);
    }

    [Fact]
    public async Task A_probe_that_hangs_counts_as_a_failed_one()
    {
        var hang = true;
        using var breaker = new CircuitBreaker("store",
            cancellationToken => hang ? Task.Delay(Timeout.Infinite, cancellationToken) : Task.CompletedTask, _clock, NullLogger.Instance);
        Open(breaker);

        _clock.Advance(CircuitBreaker.ProbeInterval);
        _clock.Advance(CircuitBreaker.ProbeInterval * 2);
        Assert.True(breaker.IsOpen);

        hang = false;
        await AdvanceUntilAsync(() => !breaker.IsOpen);
    }

    private static void Open(CircuitBreaker breaker)
    {
        for (var i = 0; i < CircuitBreaker.FailuresToOpen; i++)
        {
            breaker.RecordFailure(new TimeoutException());
        }

        Assert.True(breaker.IsOpen);
    }

    /// <summary>Moves the fake clock a probe interval at a time until the condition holds (the probe runs on the pool).</summary>
    private async Task AdvanceUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            _clock.Advance(CircuitBreaker.ProbeInterval);
            await Task.Delay(10);
        }
    }
}
