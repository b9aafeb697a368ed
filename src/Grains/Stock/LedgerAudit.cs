using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.Grains.Stock;

/// <summary>
/// Replays a ledger from zero, one entry at a time as it is read from storage, and lists every way it
/// disagrees with the state it should produce.
/// </summary>
internal sealed class LedgerAudit
{
    private const int PageSize = 5_000;
    private readonly List<string> _violations = [];
    private long _count;
    private long _onHand;
    private long _reserved;

    /// <summary>Reads the item's ledger from storage page by page up to the levels' seq and lists every disagreement.</summary>
    public static async Task<List<string>> ReplayAsync(IStockHistory history, StockItemKey key, StockLevels levels, long activeHoldTotal)
    {
        var audit = new LedgerAudit();
        var after = 0L;
        while (after < levels.Version)
        {
            var page = await history.ReadLedgerAsync(key, after, PageSize, levels.Version);
            if (page.Items.Count == 0)
            {
                break;
            }

            foreach (var entry in page.Items)
            {
                audit.Add(entry);
            }

            after = page.Items[^1].Seq;
        }

        return audit.Finish(levels, activeHoldTotal);
    }

    public void Add(LedgerEntry entry)
    {
        _count++;
        if (entry.Seq != _count)
        {
            _violations.Add($"ledger seq {entry.Seq} at position {_count}: gap or reorder");
        }

        (_onHand, _reserved) = Replay(entry, _onHand, _reserved);
        if (_onHand != entry.OnHandAfter || _reserved != entry.ReservedAfter)
        {
            _violations.Add($"seq {entry.Seq}: replay gives {_onHand}/{_reserved}, entry says {entry.OnHandAfter}/{entry.ReservedAfter}");
        }

        if (_reserved < 0 || _reserved > _onHand)
        {
            _violations.Add($"seq {entry.Seq}: reserved {_reserved} outside 0..onHand {_onHand}");
        }
    }

    public List<string> Finish(StockLevels levels, long activeHoldTotal)
    {
        if (_count != levels.Version)
        {
            _violations.Add($"ledger has {_count} entries but the state's last seq is {levels.Version}");
        }

        if (_onHand != levels.OnHand || _reserved != levels.Reserved)
        {
            _violations.Add($"ledger replays to {_onHand}/{_reserved} but the state is {levels.OnHand}/{levels.Reserved}");
        }

        if (activeHoldTotal != levels.Reserved)
        {
            _violations.Add($"active holds total {activeHoldTotal} but reserved is {levels.Reserved}");
        }

        return _violations;
    }

    public static (long OnHand, long Reserved) Replay(LedgerEntry entry, long onHand, long reserved) => entry.Type switch
    {
        LedgerEntryType.Receipt or LedgerEntryType.TransferIn => (onHand + entry.Quantity, reserved),
        LedgerEntryType.TransferOut => (onHand - entry.Quantity, reserved),
        LedgerEntryType.Adjustment => (onHand + entry.Quantity, reserved),
        LedgerEntryType.Hold => (onHand, reserved + entry.Quantity),
        LedgerEntryType.Release or LedgerEntryType.Expire => (onHand, reserved - entry.Quantity),
        LedgerEntryType.Commit => (onHand - entry.Quantity, reserved - entry.Quantity),
        _ => throw new ArgumentOutOfRangeException(nameof(entry), entry.Type, "Unknown ledger entry type."),
    };
}
