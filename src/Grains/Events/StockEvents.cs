using Quartermaster.Grains.Abstractions.Events;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Stock;

namespace Quartermaster.Grains.Events;

/// <summary>
/// The events of a stock item's write: one <c>stock.changed</c> per ledger entry (the item as that entry left
/// it), a <c>hold.expired</c> beside the entry of each client's hold that expired, and the low-stock crossings
/// (<see cref="StockChanges.Events"/>, which the book fills). The in-memory mode builds them whole
/// (<see cref="Of"/>); PostgreSQL stores those of ledger entries as references to the ledger rows and builds their
/// data (<see cref="DataOf(string, string, string, LedgerEntry, DateTimeOffset?)"/>) when they are read, so both
/// modes follow this one rule.
/// </summary>
public static class StockEvents
{
    private static readonly string[] Changed = [EventTypes.StockChanged];
    private static readonly string[] Expired = [EventTypes.StockChanged, EventTypes.HoldExpired];

    /// <summary>
    /// The types of the events a ledger entry of <paramref name="entryType"/> produces, in order. An order's
    /// holds (their entries name the order as <paramref name="reference"/>) are the order's business, not holds a
    /// client placed: their expiry is told by <c>order.expired</c>, under ids no client chose.
    /// </summary>
    public static IReadOnlyList<string> TypesOf(LedgerEntryType entryType, string? reference) =>
        entryType == LedgerEntryType.Expire && reference is null ? Expired : Changed;

    /// <summary>
    /// The data of an event of <paramref name="type"/> produced by <paramref name="entry"/>;
    /// <paramref name="holdExpiresAt"/> is read only for a <c>hold.expired</c>.
    /// </summary>
    public static EventData DataOf(string type, string sku, string warehouseId, LedgerEntry entry, DateTimeOffset? holdExpiresAt)
    {
        var item = new StockLevels(sku, warehouseId, entry.OnHandAfter, entry.ReservedAfter, entry.Seq);
        return type == EventTypes.HoldExpired
            ? new EventData(Hold: new HoldView(entry.MovementId, entry.Quantity, holdExpiresAt, HoldStatus.Expired, item))
            : new EventData(Stock: new StockChange(item, entry));
    }

    public static List<PendingEvent> Of(StockItemKey key, StockChanges changes)
    {
        var events = new List<PendingEvent>(changes.Events.Count);
        foreach (var row in changes.Events)
        {
            events.Add(new PendingEvent(row.Type, row.At, row.Data ?? DataOf(row.Type, key, changes, row.LedgerSeq!.Value)));
        }

        return events;
    }

    private static EventData DataOf(string type, StockItemKey key, StockChanges changes, long seq)
    {
        var entry = changes.Ledger.Find(e => e.Seq == seq)!;
        var expiresAt = type == EventTypes.HoldExpired && changes.Holds.TryGetValue(entry.MovementId, out var hold) ? hold.ExpiresAt : null;
        return DataOf(type, key.Sku, key.WarehouseId, entry, expiresAt);
    }
}
