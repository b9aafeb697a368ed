namespace Quartermaster.Grains.Abstractions.Orders;

[GenerateSerializer, Immutable]
[Alias("qm.PlaceOrder")]
public sealed record PlaceOrder(
    [property: Id(0)] string? CustomerRef,
    [property: Id(1)] IReadOnlyList<OrderLine> Lines,
    [property: Id(2)] int ReservationTtlSeconds);
