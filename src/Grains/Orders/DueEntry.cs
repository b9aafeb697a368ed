namespace Quartermaster.Grains.Orders;

/// <summary>
/// A grain whose guard is due (an order, or a stock item with a hold past its expiry), by its grain key, and
/// its place in the due order (the sweep's cursor).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("qm.DueEntry")]
public sealed record DueEntry([property: Id(0)] DateTimeOffset DueAt, [property: Id(1)] string Key);
