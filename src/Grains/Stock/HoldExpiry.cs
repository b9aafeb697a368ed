namespace Quartermaster.Grains.Stock;

/// <summary>
/// Keeps a stock item's expiry machinery in step with its holds: a grain timer for precision at the next
/// expiry, and a reminder while any hold can expire, so expiry happens even if this silo dies.
/// </summary>
internal sealed class HoldExpiry(Grain grain, TimeProvider clock, Func<Task> expireDue)
{
    private const string ReminderName = "hold-expiry";
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    private IGrainTimer? _timer;
    private DateTimeOffset? _timerDue;
    private bool _reminderRegistered;

    public async Task ScheduleAsync(DateTimeOffset? nextExpiry)
    {
        if (nextExpiry is not { } due)
        {
            StopTimer();
            if (_reminderRegistered)
            {
                await StopReminderAsync();
            }

            return;
        }

        if (_timerDue != due)
        {
            StopTimer();
            var wait = due - clock.GetUtcNow();
            _timer = grain.RegisterGrainTimer(
                _ => OnTimerAsync(),
                new GrainTimerCreationOptions(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan) { Interleave = true });
            _timerDue = due;
        }

        if (!_reminderRegistered)
        {
            await grain.RegisterOrUpdateReminder(ReminderName, ReminderPeriod, ReminderPeriod);
            _reminderRegistered = true;
        }
    }

    /// <summary>A reminder left from an earlier activation that has nothing left to expire.</summary>
    public async Task StopReminderAsync()
    {
        var reminder = await grain.GetReminder(ReminderName);
        if (reminder is not null)
        {
            await grain.UnregisterReminder(reminder);
        }

        _reminderRegistered = false;
    }

    /// <summary>
    /// The timer is one-shot and may fire a moment before the business clock reaches the expiry, when nothing
    /// is due yet; forgetting it makes the owner's next <see cref="ScheduleAsync"/> arm a fresh one.
    /// </summary>
    private Task OnTimerAsync()
    {
        _timer = null;
        _timerDue = null;
        return expireDue();
    }

    private void StopTimer()
    {
        _timer?.Dispose();
        _timer = null;
        _timerDue = null;
    }
}
