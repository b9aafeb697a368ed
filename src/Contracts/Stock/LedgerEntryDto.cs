using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.Contracts.Stock;

public sealed record LedgerEntryDto(
    long Seq, string MovementId, LedgerEntryType Type, long Quantity, long OnHandAfter, long ReservedAfter,
    DateTimeOffset At, string? Reason, string? Ref)
{
    public static LedgerEntryDto From(LedgerEntry e) =>
        new(e.Seq, e.MovementId, e.Type, e.Quantity, e.OnHandAfter, e.ReservedAfter, e.At, e.Reason, e.Ref);
}
