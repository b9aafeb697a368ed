using Quartermaster.Grains.Orders;

namespace Quartermaster.Grains.Stock;

/// <summary>
/// Stock items holding a hold past its expiry, by sweep range: the backstop for an item that is not active to
/// expire its holds itself (its silo died, or it was deactivated). On PostgreSQL it is the holds rows themselves
/// (status and expires_at, written with the item); in memory mode it is a due book per range. Replaces a reminder
/// per stock item, which cost a reminder-table write whenever an item got its first hold and another when its
/// last one ended.
/// </summary>
public interface IHoldDueIndex
{
    /// <summary>Called after the item's state was written with <paramref name="nextExpiry"/>; nothing to do where the rows are the index.</summary>
    Task RecordAsync(string itemKey, DateTimeOffset? nextExpiry);

    /// <summary>Items of <paramref name="range"/> with an active hold expired at or before <paramref name="now"/>, earliest first, after <paramref name="after"/>.</summary>
    Task<IReadOnlyList<DueEntry>> DueAsync(int range, DateTimeOffset now, DueEntry? after, int limit, CancellationToken cancellationToken);
}
