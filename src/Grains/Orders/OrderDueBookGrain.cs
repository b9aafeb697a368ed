namespace Quartermaster.Grains.Orders;

/// <summary>
/// One sweep range's due orders, in memory (embedded and test mode, where all state is in memory anyway).
/// Kept alive: an idle collection would forget what is due.
/// </summary>
[KeepAlive]
public sealed class OrderDueBookGrain : Grain, IOrderDueBookGrain
{
    private readonly Dictionary<string, DateTimeOffset> _dueByOrder = new(StringComparer.Ordinal);
    private readonly SortedSet<DueOrder> _byDueTime = new(DueOrderComparer.Instance);

    public Task Record(string orderKey, DateTimeOffset? dueAt)
    {
        if (_dueByOrder.Remove(orderKey, out var previous))
        {
            _byDueTime.Remove(new DueOrder(previous, orderKey));
        }

        if (dueAt is { } due)
        {
            _dueByOrder[orderKey] = due;
            _byDueTime.Add(new DueOrder(due, orderKey));
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DueOrder>> Due(DateTimeOffset now, DueOrder? after, int limit)
    {
        IReadOnlyList<DueOrder> due = _byDueTime
            .Where(d => after is null || DueOrderComparer.Instance.Compare(d, after) > 0)
            .TakeWhile(d => d.DueAt <= now)
            .Take(limit)
            .ToList();
        return Task.FromResult(due);
    }

    private sealed class DueOrderComparer : IComparer<DueOrder>
    {
        public static readonly DueOrderComparer Instance = new();

        public int Compare(DueOrder? x, DueOrder? y) =>
            x!.DueAt != y!.DueAt ? x.DueAt.CompareTo(y.DueAt) : string.CompareOrdinal(x.OrderKey, y.OrderKey);
    }
}
