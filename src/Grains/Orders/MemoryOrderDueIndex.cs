namespace Quartermaster.Grains.Orders;

/// <summary>The due index in memory mode: one <see cref="IOrderDueBookGrain"/> per sweep range.</summary>
public sealed class MemoryOrderDueIndex(IGrainFactory grains) : IOrderDueIndex
{
    public Task RecordAsync(string orderKey, DateTimeOffset? dueAt) =>
        grains.GetGrain<IOrderDueBookGrain>(RangeOf(orderKey)).Record(orderKey, dueAt);

    public Task<IReadOnlyList<DueOrder>> DueAsync(int range, DateTimeOffset now, DueOrder? after, int limit, CancellationToken cancellationToken) =>
        grains.GetGrain<IOrderDueBookGrain>(range).Due(now, after, limit);

    /// <summary>FNV-1a: stable across processes and runs, unlike <see cref="string.GetHashCode()"/>.</summary>
    private static int RangeOf(string orderKey)
    {
        var hash = 2166136261u;
        foreach (var c in orderKey)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % OrderSweep.Ranges);
    }
}
