namespace Quartermaster.Grains.Abstractions.Stock;

/// <param name="Lifetime">How long the hold lasts from when the stock item places it; null for never.</param>
/// <param name="Ref">The order that owns the hold, if any.</param>
[GenerateSerializer, Immutable]
[Alias("qm.HoldRequest")]
public sealed record HoldRequest(
    [property: Id(0)] string HoldId,
    [property: Id(1)] long Quantity,
    [property: Id(4)] TimeSpan? Lifetime,
    [property: Id(3)] string? Ref);
