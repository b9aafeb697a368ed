namespace Quartermaster.Grains.Abstractions.Orders;

[GenerateSerializer, Immutable]
[Alias("qm.OrderView")]
public sealed record OrderView(
    [property: Id(0)] string OrderId,
    [property: Id(1)] OrderStatus Status,
    [property: Id(2)] string? CustomerRef,
    [property: Id(3)] IReadOnlyList<OrderLine> Lines,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset UpdatedAt,
    [property: Id(6)] DateTimeOffset? ExpiresAt,
    [property: Id(7)] IReadOnlyList<OrderHistoryEntry> History,
    [property: Id(8)] long Version);
