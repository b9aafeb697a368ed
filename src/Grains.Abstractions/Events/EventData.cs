using Quartermaster.Grains.Abstractions.Customers;
using Quartermaster.Grains.Abstractions.Imports;
using Quartermaster.Grains.Abstractions.Orders;
using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.Grains.Abstractions.Events;

/// <summary>The resource after the change: exactly one of the members is set, as the event's type says.</summary>
[GenerateSerializer, Immutable]
[Alias("qm.EventData")]
public sealed record EventData(
    [property: Id(0)] StockChange? Stock = null,
    [property: Id(1)] HoldView? Hold = null,
    [property: Id(2)] OrderView? Order = null,
    [property: Id(3)] TransferView? Transfer = null,
    [property: Id(4)] CustomerChange? Customer = null,
    [property: Id(5)] ImportView? Import = null);

/// <summary>
/// A stock item as one ledger entry left it, with that entry; no entry for a low-stock crossing caused by a
/// change of the item's threshold.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("qm.StockChange")]
public sealed record StockChange([property: Id(0)] StockLevels Item, [property: Id(1)] LedgerEntry? Entry);
