using Quartermaster.Grains.Abstractions.Orders;

namespace Quartermaster.Grains.Abstractions.Events;

/// <summary>The event types of the contract (API.md, "Events").</summary>
public static class EventTypes
{
    public const string StockChanged = "stock.changed";
    public const string HoldExpired = "hold.expired";
    public const string TransferCompleted = "transfer.completed";
    public const string StockLow = "stock.low";
    public const string StockRestocked = "stock.restocked";
    public const string CustomerUpdated = "customer.updated";
    public const string ImportFinished = "import.finished";

    /// <summary>Every type a client may ask for, recorded today or not.</summary>
    public static readonly IReadOnlyList<string> Known =
    [
        "order.reserved", "order.confirmed", "order.shipped", "order.cancelled", "order.expired",
        StockChanged, StockLow, StockRestocked, HoldExpired, TransferCompleted, CustomerUpdated, ImportFinished,
    ];

    public static string OfOrder(OrderStatus status) => "order." + status.ToString().ToLowerInvariant();
}
