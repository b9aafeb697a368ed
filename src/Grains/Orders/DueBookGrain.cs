namespace Quartermaster.Grains.Orders;

/// <summary>
/// One sweep range of a due index, in memory (embedded and test mode, where all state is in memory anyway).
/// Kept alive: an idle collection would forget what is due.
/// </summary>
[KeepAlive]
public sealed class DueBookGrain : Grain, IDueBookGrain
{
    private readonly Dictionary<string, DateTimeOffset> _dueByKey = new(StringComparer.Ordinal);
    private readonly SortedSet<DueEntry> _byDueTime = new(DueEntryComparer.Instance);

    public Task Record(string key, DateTimeOffset? dueAt)
    {
        if (_dueByKey.Remove(key, out var previous))
        {
            _byDueTime.Remove(new DueEntry(previous, key));
        }

        if (dueAt is { } due)
        {
            _dueByKey[key] = due;
            _byDueTime.Add(new DueEntry(due, key));
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DueEntry>> Due(DateTimeOffset now, DueEntry? after, int limit)
    {
        IReadOnlyList<DueEntry> due = _byDueTime
            .Where(d => after is null || DueEntryComparer.Instance.Compare(d, after) > 0)
            .TakeWhile(d => d.DueAt <= now)
            .Take(limit)
            .ToList();
        return Task.FromResult(due);
    }

    private sealed class DueEntryComparer : IComparer<DueEntry>
    {
        public static readonly DueEntryComparer Instance = new();

        public int Compare(DueEntry? x, DueEntry? y) =>
            x!.DueAt != y!.DueAt ? x.DueAt.CompareTo(y.DueAt) : string.CompareOrdinal(x.Key, y.Key);
    }
}
