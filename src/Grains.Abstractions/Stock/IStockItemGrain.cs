using Orleans.Concurrency;
using Quartermaster.Grains.Abstractions.Common;

namespace Quartermaster.Grains.Abstractions.Stock;

/// <summary>
/// The one writer of one product in one warehouse: levels, holds and the ledger.
/// Key: {tenantId}/{sku}/{warehouseId}, built by GrainKeys.StockItem.
/// </summary>
[Alias("qm.IStockItemGrain")]
public interface IStockItemGrain : IGrainWithStringKey
{
    [ReadOnly, Alias("Get")]
    Task<Outcome<StockLevels>> Get();

    /// <summary>Receipt, adjustment or a transfer side; idempotent by (movementId, type).</summary>
    [Alias("Apply")]
    Task<Outcome<StockLevels>> Apply(Movement movement);

    /// <summary>As <see cref="Apply"/>, answering true when the movement was applied now, false when it had been before.</summary>
    [Alias("ApplyIfNew")]
    Task<Outcome<bool>> ApplyIfNew(Movement movement);

    /// <summary>Idempotent by holdId: the same request again returns the hold as it is now.</summary>
    [Alias("PlaceHold")]
    Task<Outcome<HoldView>> PlaceHold(HoldRequest request);

    /// <summary>The hold as it stands: active, or how it ended (released, committed, expired); not_found if never placed.</summary>
    [Alias("GetHold")]
    Task<Outcome<HoldView>> GetHold(string holdId);

    [Alias("ReleaseHold")]
    Task<Outcome<HoldView>> ReleaseHold(string holdId);

    /// <summary>
    /// Releases the hold, or, if it was never placed, makes sure it never can be: a placement still in
    /// flight from a stale order activation then finds it refused. What an order's undo uses.
    /// </summary>
    [Alias("RevokeHold")]
    Task<Outcome<HoldView>> RevokeHold(string holdId);

    [Alias("CommitHold")]
    Task<Outcome<HoldView>> CommitHold(string holdId);

    /// <summary>Releases an active hold with ledger type expire (an order that expired); idempotent.</summary>
    [Alias("ExpireHold")]
    Task<Outcome<HoldView>> ExpireHold(string holdId);

    /// <summary>Clears the hold's own expiry (a confirmed order keeps its reservation).</summary>
    [Alias("KeepHold")]
    Task<Outcome<HoldView>> KeepHold(string holdId);

    /// <summary>
    /// The item's own low-stock threshold; null follows the tenant's. A change that moves the item across its
    /// threshold records the crossing (<c>stock.low</c> or <c>stock.restocked</c>).
    /// </summary>
    [Alias("SetLowStockThreshold")]
    Task<Outcome<StockLevels>> SetLowStockThreshold(long? threshold);

    /// <summary>
    /// As <see cref="SetLowStockThreshold(long?)"/>, only while the item's tag is one of <paramref name="expectedTags"/>
    /// (If-Match; none of them matching is precondition_failed).
    /// </summary>
    [Alias("SetLowStockThresholdIfTagMatches")]
    Task<Outcome<StockLevels>> SetLowStockThreshold(long? threshold, IReadOnlyList<StockItemTag> expectedTags);

    /// <summary>
    /// After the tenant's threshold changed to <paramref name="tenantThreshold"/> (at the tenant's
    /// <paramref name="tenantVersion"/>): an item that follows it and is now on the other side of it records the
    /// crossing, with no ledger entry, as a change of its own threshold would; any other item is unchanged. The
    /// item's silo learns the threshold first, in case the tenant's broadcast did not reach it.
    /// </summary>
    [Alias("RecheckLowStock")]
    Task<Outcome<StockLevels>> RecheckLowStock(long tenantThreshold, long tenantVersion);

    /// <summary>Expires every active hold whose expiry has passed; returns how many.</summary>
    [Alias("ExpireDueHolds")]
    Task<int> ExpireDueHolds();

    /// <summary>Replays the committed ledger and checks it against the levels and the active holds.</summary>
    [ReadOnly, Alias("Audit")]
    Task<Outcome<StockAudit>> Audit();

    [ReadOnly, Alias("Ledger")]
    Task<Outcome<Page<LedgerEntry>>> Ledger(long afterSeq, int limit);
}
