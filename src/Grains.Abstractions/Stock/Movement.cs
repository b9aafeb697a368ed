namespace Quartermaster.Grains.Abstractions.Stock;

/// <summary>A client movement of onHand: a receipt, an adjustment or one side of a transfer.</summary>
/// <param name="Quantity">Receipts and transfers: the amount moved. Adjustments: the counted onHand.</param>
/// <param name="Ref">For a transfer side: the other warehouse.</param>
[GenerateSerializer, Immutable]
[Alias("qm.Movement")]
public sealed record Movement(
    [property: Id(0)] string MovementId,
    [property: Id(1)] LedgerEntryType Type,
    [property: Id(2)] long Quantity,
    [property: Id(3)] string? Reason,
    [property: Id(4)] string? Ref);
