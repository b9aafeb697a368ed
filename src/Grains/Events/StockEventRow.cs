using Quartermaster.Grains.Abstractions.Events;

namespace Quartermaster.Grains.Events;

/// <summary>
/// One event of a stock item's write. A <c>stock.changed</c> or <c>hold.expired</c> names its ledger entry
/// (<paramref name="LedgerSeq"/>) and its data is built from that entry (<see cref="StockEvents.DataOf"/>); a
/// low-stock crossing carries its data, since it shows the threshold crossed, which no ledger row holds.
/// </summary>
public sealed record StockEventRow(string Type, DateTimeOffset At, long? LedgerSeq, EventData? Data);
