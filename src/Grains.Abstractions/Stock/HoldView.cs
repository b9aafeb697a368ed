namespace Quartermaster.Grains.Abstractions.Stock;

[GenerateSerializer, Immutable]
[Alias("qm.HoldView")]
public sealed record HoldView(
    [property: Id(0)] string HoldId,
    [property: Id(1)] long Quantity,
    [property: Id(2)] DateTimeOffset? ExpiresAt,
    [property: Id(3)] HoldStatus Status,
    [property: Id(4)] StockLevels Stock);
