namespace Quartermaster.Grains.Abstractions.Common;

[GenerateSerializer, Immutable]
[Alias("qm.Upserted`1")]
/// <param name="Changed">False when the PUT matched what was stored and nothing was written.</param>
public sealed record Upserted<T>([property: Id(0)] T Item, [property: Id(1)] bool Created, [property: Id(2)] bool Changed = true);
