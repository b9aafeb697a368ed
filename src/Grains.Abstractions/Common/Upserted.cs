namespace Quartermaster.Grains.Abstractions.Common;

[GenerateSerializer, Immutable]
[Alias("qm.Upserted`1")]
public sealed record Upserted<T>([property: Id(0)] T Item, [property: Id(1)] bool Created);
