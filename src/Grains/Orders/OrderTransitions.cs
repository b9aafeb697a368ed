using Quartermaster.Grains.Abstractions.Orders;

namespace Quartermaster.Grains.Orders;

/// <summary>The order state machine: which status may follow which.</summary>
internal static class OrderTransitions
{
    public static bool IsAllowed(OrderStatus from, OrderStatus to) => (from, to) switch
    {
        (OrderStatus.Reserved, OrderStatus.Confirmed) => true,
        (OrderStatus.Reserved, OrderStatus.Cancelled) => true,
        (OrderStatus.Reserved, OrderStatus.Expired) => true,
        (OrderStatus.Confirmed, OrderStatus.Shipped) => true,
        (OrderStatus.Confirmed, OrderStatus.Cancelled) => true,
        _ => false,
    };

    /// <summary>Statuses after which nothing can expire or change any more.</summary>
    public static bool IsFinal(OrderStatus status) =>
        status is OrderStatus.Shipped or OrderStatus.Cancelled or OrderStatus.Expired;

    public static string Name(OrderStatus status) => status.ToString().ToLowerInvariant();
}
