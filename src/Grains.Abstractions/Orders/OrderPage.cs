namespace Quartermaster.Grains.Abstractions.Orders;

[GenerateSerializer, Immutable]
[Alias("qm.OrderPage")]
public sealed record OrderPage([property: Id(0)] IReadOnlyList<OrderView> Items, [property: Id(1)] OrderPosition? Next);
