namespace Quartermaster.Grains.Orders;

/// <summary>The order due index in memory mode: one <see cref="IDueBookGrain"/> per sweep range.</summary>
public sealed class MemoryOrderDueIndex(IGrainFactory grains) : IOrderDueIndex
{
    public Task RecordAsync(string orderKey, DateTimeOffset? dueAt) =>
        grains.GetGrain<IDueBookGrain>(DueBooks.Orders(DueBooks.RangeOf(orderKey))).Record(orderKey, dueAt);

    public Task<IReadOnlyList<DueEntry>> DueAsync(int range, DateTimeOffset now, DueEntry? after, int limit, CancellationToken cancellationToken) =>
        grains.GetGrain<IDueBookGrain>(DueBooks.Orders(range)).Due(now, after, limit);
}
