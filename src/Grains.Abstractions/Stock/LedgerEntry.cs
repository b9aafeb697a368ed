namespace Quartermaster.Grains.Abstractions.Stock;

/// <summary>One append-only ledger row; replaying all rows in seq order yields the stock item's state.</summary>
[GenerateSerializer, Immutable]
[Alias("qm.LedgerEntry")]
public sealed record LedgerEntry(
    [property: Id(0)] long Seq,
    [property: Id(1)] string MovementId,
    [property: Id(2)] LedgerEntryType Type,
    [property: Id(3)] long Quantity,
    [property: Id(4)] long OnHandAfter,
    [property: Id(5)] long ReservedAfter,
    [property: Id(6)] DateTimeOffset At,
    [property: Id(7)] string? Reason,
    [property: Id(8)] string? Ref);
