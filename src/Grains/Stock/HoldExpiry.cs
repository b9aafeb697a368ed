namespace Quartermaster.Grains.Stock;

/// <summary>
/// Keeps a stock item's expiry machinery in step with its holds: a grain timer for precision at the next
/// expiry, and the hold due index told the next expiry, so the sweep expires the holds even if this silo dies
/// or the item is deactivated first (on PostgreSQL the holds rows are the index and telling it costs nothing).
/// </summary>
internal sealed class HoldExpiry(Grain grain, TimeProvider clock, IHoldDueIndex dueIndex, string itemKey, Func<Task> expireDue)
{
    /// <summary>The per-item reminder of earlier releases, removed at its next tick.</summary>
    private const string LegacyReminderName = "hold-expiry";

    private IGrainTimer? _timer;
    private DateTimeOffset? _timerDue;
    private DateTimeOffset? _recordedDue;
    private bool _recorded;

    public async Task ScheduleAsync(DateTimeOffset? nextExpiry)
    {
        if (nextExpiry is not { } due)
        {
            StopTimer();
        }
        else if (_timerDue != due)
        {
            StopTimer();
            var wait = due - clock.GetUtcNow();
            _timer = grain.RegisterGrainTimer(
                _ => OnTimerAsync(),
                new GrainTimerCreationOptions(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan) { Interleave = true });
            _timerDue = due;
        }

        if (!_recorded || _recordedDue != nextExpiry)
        {
            await dueIndex.RecordAsync(itemKey, nextExpiry);
            _recorded = true;
            _recordedDue = nextExpiry;
        }
    }

    /// <summary>Ends a reminder an earlier release registered for this item; the due index does its work now.</summary>
    public async Task EndLegacyReminderAsync()
    {
        if (await grain.GetReminder(LegacyReminderName) is { } reminder)
        {
            await grain.UnregisterReminder(reminder);
        }
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
