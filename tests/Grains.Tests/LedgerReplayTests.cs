using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Tests.Infrastructure;
using Xunit.Sdk;

namespace Quartermaster.Grains.Tests;

/// <summary>The replay helper is what most tests rely on, so it must reject every broken history it claims to.</summary>
public sealed class LedgerReplayTests
{
    private static readonly DateTimeOffset At = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static LedgerEntry Entry(long seq, string id, LedgerEntryType type, long quantity, long onHandAfter, long reservedAfter) =>
        new(seq, id, type, quantity, onHandAfter, reservedAfter, At, null, null);

    private static List<LedgerEntry> Valid() =>
    [
        Entry(1, "r-1", LedgerEntryType.Receipt, 10, 10, 0),
        Entry(2, "h-1", LedgerEntryType.Hold, 4, 10, 4),
        Entry(3, "h-2", LedgerEntryType.Hold, 3, 10, 7),
        Entry(4, "h-1", LedgerEntryType.Commit, 4, 6, 3),
        Entry(5, "c-1", LedgerEntryType.Adjustment, -1, 5, 3),
        Entry(6, "t-1", LedgerEntryType.TransferOut, 2, 3, 3),
    ];

    [Fact]
    public void Valid_history_replays_to_its_last_levels_and_active_holds()
    {
        var replayed = LedgerReplay.Replay(Valid());

        Assert.Equal((3L, 3L), (replayed.OnHand, replayed.Reserved));
        Assert.Equal(3, Assert.Single(replayed.ActiveHolds, h => h.Key == "h-2").Value);
    }

    public static TheoryData<string> Corruptions => ["gap", "wrong-after", "ended-twice", "oversold", "duplicate-movement", "wrong-end-quantity"];

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void Broken_history_is_rejected(string corruption)
    {
        var ledger = Valid();
        switch (corruption)
        {
            case "gap":
                ledger.RemoveAt(2);
                break;
            case "wrong-after":
                ledger[3] = ledger[3] with { OnHandAfter = 7 };
                break;
            case "ended-twice":
                ledger.Add(Entry(7, "h-1", LedgerEntryType.Release, 4, 3, -1));
                break;
            case "oversold":
                ledger.Add(Entry(7, "h-3", LedgerEntryType.Hold, 1, 3, 4));
                break;
            case "duplicate-movement":
                ledger.Add(Entry(7, "r-1", LedgerEntryType.Receipt, 10, 13, 3));
                break;
            case "wrong-end-quantity":
                ledger.Add(Entry(7, "h-2", LedgerEntryType.Release, 2, 3, 1));
                break;
        }

        Assert.ThrowsAny<XunitException>(() => LedgerReplay.Replay(ledger));
    }
}
