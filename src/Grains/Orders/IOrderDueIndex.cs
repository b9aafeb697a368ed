namespace Quartermaster.Grains.Orders;

/// <summary>
/// The orders whose guard is due, by sweep range. On PostgreSQL it is two columns of qm_orders written in
/// the same statement as the order (so it can never disagree with it); in memory mode it is a grain per range.
/// </summary>
public interface IOrderDueIndex
{
    /// <summary>Called after the order's state was written with <paramref name="dueAt"/>; nothing to do where the row is the index.</summary>
    Task RecordAsync(string orderKey, DateTimeOffset? dueAt);

    /// <summary>Orders of <paramref name="range"/> due at or before <paramref name="now"/>, in due order, after <paramref name="after"/>.</summary>
    Task<IReadOnlyList<DueEntry>> DueAsync(int range, DateTimeOffset now, DueEntry? after, int limit, CancellationToken cancellationToken);
}
