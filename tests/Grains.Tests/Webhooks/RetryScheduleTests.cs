using Quartermaster.Grains.Webhooks;

namespace Quartermaster.Grains.Tests.Webhooks;

public sealed class RetryScheduleTests
{
    private static readonly DateTimeOffset EventAt = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Waits_double_from_twenty_seconds_up_to_an_hour()
    {
        Assert.Equal(TimeSpan.FromSeconds(20), RetrySchedule.Wait(1, jitter: 0));
        Assert.Equal(TimeSpan.FromSeconds(40), RetrySchedule.Wait(2, jitter: 0));
        Assert.Equal(TimeSpan.FromHours(1), RetrySchedule.Wait(30, jitter: 0));
        Assert.Equal(TimeSpan.FromSeconds(15), RetrySchedule.Wait(1, jitter: 1));
    }

    [Fact]
    public void A_wait_that_would_end_past_72_hours_is_cut_short_to_the_deadline()
    {
        var now = EventAt + TimeSpan.FromHours(71) + TimeSpan.FromMinutes(5);

        Assert.Equal(EventAt + TimeSpan.FromHours(72), RetrySchedule.Next(EventAt, now, failedAttempts: 80, jitter: 0));
    }

    [Fact]
    public void An_attempt_at_the_deadline_that_fails_is_the_last()
    {
        Assert.Null(RetrySchedule.Next(EventAt, EventAt + TimeSpan.FromHours(72), failedAttempts: 81, jitter: 0));
        Assert.Null(RetrySchedule.Next(EventAt, EventAt + TimeSpan.FromHours(73), failedAttempts: 81, jitter: 0.5));
    }

    [Fact]
    public void Early_failures_are_tried_again_after_their_wait()
    {
        var now = EventAt + TimeSpan.FromSeconds(1);

        Assert.Equal(now + TimeSpan.FromSeconds(20), RetrySchedule.Next(EventAt, now, failedAttempts: 1, jitter: 0));
    }
}
