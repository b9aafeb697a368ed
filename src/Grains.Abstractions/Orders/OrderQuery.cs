namespace Quartermaster.Grains.Abstractions.Orders;

/// <param name="After">Continue after this (createdAt, orderId) position, newest first.</param>
[GenerateSerializer, Immutable]
[Alias("qm.OrderQuery")]
public sealed record OrderQuery(
    [property: Id(0)] OrderStatus? Status,
    [property: Id(1)] string? CustomerRef,
    [property: Id(2)] DateTimeOffset? CreatedFrom,
    [property: Id(3)] DateTimeOffset? CreatedTo,
    [property: Id(4)] OrderPosition? After,
    [property: Id(5)] int Limit);

[GenerateSerializer, Immutable]
[Alias("qm.OrderPosition")]
public sealed record OrderPosition([property: Id(0)] DateTimeOffset CreatedAt, [property: Id(1)] string OrderId);
