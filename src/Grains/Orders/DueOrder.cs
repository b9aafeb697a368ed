namespace Quartermaster.Grains.Orders;

/// <summary>An order whose guard is due, and its place in the due order (the sweep's cursor).</summary>
[GenerateSerializer, Immutable]
[Alias("qm.DueOrder")]
public sealed record DueOrder([property: Id(0)] DateTimeOffset DueAt, [property: Id(1)] string OrderKey);
