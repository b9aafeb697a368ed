namespace Quartermaster.Grains.Abstractions.Orders;

[GenerateSerializer, Immutable]
[Alias("qm.OrderHistoryEntry")]
public sealed record OrderHistoryEntry([property: Id(0)] OrderStatus Status, [property: Id(1)] DateTimeOffset At);
