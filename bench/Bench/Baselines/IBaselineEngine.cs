using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Orders;
using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.Bench.Baselines;

/// <summary>
/// A stock engine the benchmark compares Quartermaster with: the writes that need a concurrency mechanism
/// (receipts, holds, orders that reserve), each durably committed before it answers. Reads go through
/// <see cref="Store"/> and are the same for every engine.
/// </summary>
internal interface IBaselineEngine
{
    string Name { get; }

    BaselineStore Store { get; }

    /// <summary>Adds stock, creating the item if it is new; a replayed movement id with the same quantity changes nothing.</summary>
    Task<Outcome<StockLevels>> ReceiveAsync(ItemKey item, string movementId, long quantity, CancellationToken cancellationToken);

    Task<Outcome<HoldView>> PlaceHoldAsync(ItemKey item, string holdId, long quantity, TimeSpan ttl, CancellationToken cancellationToken);

    /// <summary>Holds every line (hold id <c>order:{orderId}:{line}</c>) and stores the order, or writes nothing.</summary>
    Task<Outcome<OrderView>> PlaceOrderAsync(
        string tenantId, string orderId, string? customerRef, IReadOnlyList<OrderLine> lines, CancellationToken cancellationToken);

    /// <summary><c>reserved</c> → <c>confirmed</c>; the same transition again answers the order unchanged.</summary>
    Task<Outcome<OrderView>> ConfirmOrderAsync(string tenantId, string orderId, CancellationToken cancellationToken);

    /// <summary><c>confirmed</c> → <c>shipped</c>, committing every line's hold (onHand and reserved both drop), or writes nothing.</summary>
    Task<Outcome<OrderView>> ShipOrderAsync(string tenantId, string orderId, CancellationToken cancellationToken);
}
