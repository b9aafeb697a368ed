using Quartermaster.Grains.Orders;

namespace Quartermaster.Grains.Stock;

/// <summary>The hold due index in memory mode: one <see cref="IDueBookGrain"/> per sweep range.</summary>
public sealed class MemoryHoldDueIndex(IGrainFactory grains) : IHoldDueIndex
{
    public Task RecordAsync(string itemKey, DateTimeOffset? nextExpiry) =>
        grains.GetGrain<IDueBookGrain>(DueBooks.Holds(DueBooks.RangeOf(itemKey))).Record(itemKey, nextExpiry);

    public Task<IReadOnlyList<DueEntry>> DueAsync(int range, DateTimeOffset now, DueEntry? after, int limit, CancellationToken cancellationToken) =>
        grains.GetGrain<IDueBookGrain>(DueBooks.Holds(range)).Due(now, after, limit);
}
