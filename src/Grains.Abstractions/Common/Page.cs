namespace Quartermaster.Grains.Abstractions.Common;

/// <summary>One page of a keyed list; <see cref="NextAfter"/> is the key to continue after, or null at the end.</summary>
[GenerateSerializer, Immutable]
[Alias("qm.Page`1")]
public sealed record Page<T>([property: Id(0)] IReadOnlyList<T> Items, [property: Id(1)] string? NextAfter);
