namespace Quartermaster.Grains.Webhooks;

/// <summary>
/// When a failed delivery is tried again: exponential backoff from <see cref="First"/>, never more than
/// <see cref="Longest"/> apart, each wait shortened by a random quarter so receivers coming back are not hit
/// by every endpoint's retries at the same second; the last attempt is at <see cref="GiveUpAfter"/> from its event, and if that fails, so does the delivery.
/// </summary>
public static class RetrySchedule
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(20);
    public static readonly TimeSpan Longest = TimeSpan.FromHours(1);
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(72);

    /// <param name="failedAttempts">Attempts made so far, all failed (1 after the first).</param>
    /// <param name="jitter">A number in [0, 1).</param>
    public static TimeSpan Wait(int failedAttempts, double jitter)
    {
        var exponent = Math.Clamp(failedAttempts - 1, 0, 20);
        var wait = Math.Min(First.TotalSeconds * Math.Pow(2, exponent), Longest.TotalSeconds);
        return TimeSpan.FromSeconds(wait * (1 - (0.25 * jitter)));
    }

    /// <summary>
    /// The next attempt's time, or null when the delivery has run out of time and fails. A wait that would end past
    /// the deadline is cut short to it, so the last attempt is made at 72 hours, not up to an hour before.
    /// </summary>
    public static DateTimeOffset? Next(DateTimeOffset eventAt, DateTimeOffset now, int failedAttempts, double jitter)
    {
        var deadline = eventAt + GiveUpAfter;
        if (now >= deadline)
        {
            return null;
        }

        var next = now + Wait(failedAttempts, jitter);
        return next < deadline ? next : deadline;
    }
}
