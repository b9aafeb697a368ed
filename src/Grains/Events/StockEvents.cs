using Quartermaster.Grains.Abstractions.Events;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Stock;

namespace Quartermaster.Grains.Events;

/// <summary>
/// The events of a stock item's write: one <c>stock.changed</c> per ledger entry (the item as that entry left
/// it), and a <c>hold.expired</c> beside the entry of each hold that expired.
/// </summary>
public static class StockEvents
{
    public static List<PendingEvent> Of(StockItemKey key, StockChanges changes)
    {
        var events = new List<PendingEvent>(changes.Ledger.Count);
        foreach (var entry in changes.Ledger)
        {
            var item = new StockLevels(key.Sku, key.WarehouseId, entry.OnHandAfter, entry.ReservedAfter, entry.Seq);
            events.Add(new PendingEvent(EventTypes.StockChanged, entry.At, new EventData(Stock: new StockChange(item, entry))));
            if (entry.Type == LedgerEntryType.Expire)
            {
                var expiresAt = changes.Holds.TryGetValue(entry.MovementId, out var hold) ? hold.ExpiresAt : null;
                var view = new HoldView(entry.MovementId, entry.Quantity, expiresAt, HoldStatus.Expired, item);
                events.Add(new PendingEvent(EventTypes.HoldExpired, entry.At, new EventData(Hold: view)));
            }
        }

        return events;
    }
}
