namespace Quartermaster.Grains.Abstractions.Stock;

/// <summary>What a stock item says about its own consistency, for the invariant checker.</summary>
/// <param name="Violations">Empty when the ledger replays to the levels and the holds add up.</param>
[GenerateSerializer, Immutable]
[Alias("qm.StockAudit")]
public sealed record StockAudit(
    [property: Id(0)] StockLevels Levels,
    [property: Id(1)] IReadOnlyList<ActiveHold> ActiveHolds,
    [property: Id(2)] IReadOnlyList<string> Violations);

[GenerateSerializer, Immutable]
[Alias("qm.ActiveHold")]
public sealed record ActiveHold(
    [property: Id(0)] string HoldId,
    [property: Id(1)] long Quantity,
    [property: Id(2)] DateTimeOffset? ExpiresAt,
    [property: Id(3)] string? Ref);
