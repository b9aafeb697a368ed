using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Orders;

namespace Quartermaster.Bench.Baselines;

/// <summary>What both engines do alike after placement: the order's conditional status changes and how to answer them.</summary>
internal sealed class BaselineLifecycle(BaselineTables t)
{
    private const string OrderColumns =
        "order_id, status, customer_ref, line_skus, line_warehouse_ids, line_quantities, created_at, updated_at, expires_at";

    /// <summary>($1 tenant, $2 order, $3 at) → the confirmed order, or no row when it was not <c>reserved</c>.</summary>
    public string Confirm { get; } = $"""
        UPDATE {t.Orders} SET status = '{BaselineValues.ConfirmedOrder}', updated_at = $3, expires_at = NULL
        WHERE tenant_id = $1 AND order_id = $2 AND status = '{BaselineValues.ReservedOrder}'
        RETURNING {OrderColumns}
        """;

    /// <summary>($1 tenant, $2 order, $3 at) → the shipped order, or no row when it was not <c>confirmed</c>.</summary>
    public string Ship { get; } = $"""
        UPDATE {t.Orders} SET status = '{BaselineValues.ShippedOrder}', updated_at = $3
        WHERE tenant_id = $1 AND order_id = $2 AND status = '{BaselineValues.ConfirmedOrder}'
        RETURNING {OrderColumns}
        """;

    /// <summary>
    /// The answer when a conditional transition matched no row: the order is missing, already there (the same
    /// transition repeated answers it unchanged), or in a status the transition cannot start from.
    /// </summary>
    public static Outcome<OrderView> Unmatched(OrderView? stored, string orderId, OrderStatus target) => stored switch
    {
        null => Failure.NotFound($"Order '{orderId}' does not exist."),
        { Status: var status } when status == target => stored,
        _ => Failure.InvalidTransition($"Order '{orderId}' is {stored.Status.ToString().ToLowerInvariant()}; it cannot become {target.ToString().ToLowerInvariant()}."),
    };

    /// <summary>The order's lines with their hold ids, in the one order every engine touches stock items in.</summary>
    public static IEnumerable<(OrderLine Line, ItemKey Item, string HoldId)> Holds(string tenantId, OrderView order) =>
        BaselineOrders.InLockOrder(order.Lines)
            .Select(x => (x.Line, new ItemKey(tenantId, x.Line.Sku, x.Line.WarehouseId), BaselineOrders.HoldId(order.OrderId, x.Index)));
}
