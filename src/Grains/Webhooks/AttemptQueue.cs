namespace Quartermaster.Grains.Webhooks;

/// <summary>
/// The order an endpoint's due attempts start in: by when each became due, a new event when it happened and a retry at
/// its next attempt time, so a retry due at T goes ahead of the events that happened after T and behind those that
/// happened before. New events keep their log order among themselves (ids follow transactions, not quite timestamps);
/// retries go soonest due first, then in event order.
/// </summary>
internal sealed class AttemptQueue
{
    private static readonly Comparer<(DateTimeOffset DueAt, string EventId)> DueOrder = Comparer<(DateTimeOffset DueAt, string EventId)>.Create(
        (a, b) => a.DueAt != b.DueAt ? a.DueAt.CompareTo(b.DueAt) : string.CompareOrdinal(a.EventId, b.EventId));

    private readonly Queue<DeliverySlot> _new = new();
    private readonly PriorityQueue<DeliverySlot, (DateTimeOffset DueAt, string EventId)> _retries = new(DueOrder);

    /// <summary>A slot taken from the log, not attempted yet; slots come in log order.</summary>
    public void AddNew(DeliverySlot slot) => _new.Enqueue(slot);

    /// <summary>A slot whose retry is due.</summary>
    public void AddRetry(DeliverySlot slot) =>
        _retries.Enqueue(slot, (slot.Delivery.NextAttemptAt ?? DateTimeOffset.MinValue, slot.Delivery.EventId));

    /// <summary>Forgets the retries, before the window is scanned again for those due.</summary>
    public void ClearRetries() => _retries.Clear();

    public void Clear()
    {
        _new.Clear();
        _retries.Clear();
    }

    /// <summary>
    /// Takes the slot to attempt next, or null when none is waiting. Entries <paramref name="startable"/> refuses (attempted
    /// since, in flight, no longer held) are dropped: a slot is queued again whenever it comes due again.
    /// </summary>
    public DeliverySlot? Next(Func<DeliverySlot, bool> startable)
    {
        while (_new.TryPeek(out var stale) && !startable(stale))
        {
            _new.Dequeue();
        }

        while (_retries.TryPeek(out var stale, out _) && !startable(stale))
        {
            _retries.Dequeue();
        }

        var hasNew = _new.TryPeek(out var next);
        if (_retries.TryPeek(out _, out var retry) && (!hasNew || retry.DueAt <= next!.Delivery.CreatedAt))
        {
            return _retries.Dequeue();
        }

        return hasNew ? _new.Dequeue() : null;
    }
}
