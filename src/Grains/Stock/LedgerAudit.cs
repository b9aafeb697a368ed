using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.Grains.Stock;

/// <summary>Replays a ledger from zero and lists every way it disagrees with the state it should produce.</summary>
internal static class LedgerAudit
{
    public static List<string> Check(IReadOnlyList<LedgerEntry> ledger, long onHand, long reserved, long activeHoldTotal)
    {
        var violations = new List<string>();
        long replayedOnHand = 0, replayedReserved = 0;
        for (var i = 0; i < ledger.Count; i++)
        {
            var entry = ledger[i];
            if (entry.Seq != i + 1)
            {
                violations.Add($"ledger seq {entry.Seq} at position {i + 1}: gap or reorder");
            }

            (replayedOnHand, replayedReserved) = Replay(entry, replayedOnHand, replayedReserved);
            if (replayedOnHand != entry.OnHandAfter || replayedReserved != entry.ReservedAfter)
            {
                violations.Add($"seq {entry.Seq}: replay gives {replayedOnHand}/{replayedReserved}, entry says {entry.OnHandAfter}/{entry.ReservedAfter}");
            }

            if (replayedReserved < 0 || replayedReserved > replayedOnHand)
            {
                violations.Add($"seq {entry.Seq}: reserved {replayedReserved} outside 0..onHand {replayedOnHand}");
            }
        }

        if (replayedOnHand != onHand || replayedReserved != reserved)
        {
            violations.Add($"ledger replays to {replayedOnHand}/{replayedReserved} but the state is {onHand}/{reserved}");
        }

        if (activeHoldTotal != reserved)
        {
            violations.Add($"active holds total {activeHoldTotal} but reserved is {reserved}");
        }

        return violations;
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
