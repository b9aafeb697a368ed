using System.ComponentModel;
using Quartermaster.Contracts.Schema;
using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.Contracts.Stock;

public sealed record LedgerEntryDto(
    [property: AtLeast(1)] long Seq, string MovementId, LedgerEntryType Type,
    [property: Description("What the entry moved, a positive number, except for an adjustment: the change of onHand it made, "
        + "negative when the count was lower, 0 when it matched.")] long Quantity, [property: AtLeast(0)] long OnHandAfter, [property: AtLeast(0)] long ReservedAfter,
    DateTimeOffset At, string? Reason, string? Ref)
{
    public static LedgerEntryDto From(LedgerEntry e) =>
        new(e.Seq, e.MovementId, e.Type, e.Quantity, e.OnHandAfter, e.ReservedAfter, e.At, e.Reason, e.Ref);
}
