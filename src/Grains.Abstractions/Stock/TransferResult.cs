namespace Quartermaster.Grains.Abstractions.Stock;

[GenerateSerializer, Immutable]
[Alias("qm.TransferResult")]
public sealed record TransferResult([property: Id(0)] StockLevels From, [property: Id(1)] StockLevels To);
