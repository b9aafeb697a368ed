using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Orders;

namespace Quartermaster.Bench.Baselines;

/// <summary>What both engines do alike for an order: the order lines are worked in, its hold ids, its row and its answers.</summary>
internal static class BaselineOrders
{
    /// <summary>
    /// The lines sorted by stock item (ordinal sku, then warehouse, then line), so two orders touching the same
    /// items always take their locks, Redis or row, in the same order and can never deadlock.
    /// </summary>
    public static IReadOnlyList<(OrderLine Line, int Index)> InLockOrder(IReadOnlyList<OrderLine> lines) =>
        lines.Select((line, index) => (line, index))
            .OrderBy(x => x.line.Sku, StringComparer.Ordinal)
            .ThenBy(x => x.line.WarehouseId, StringComparer.Ordinal)
            .ThenBy(x => x.index)
            .ToList();

    public static string HoldId(string orderId, int lineIndex) => $"order:{orderId}:{lineIndex}";

    public static string InsertSql(BaselineTables tables) => $"""
        INSERT INTO {tables.Orders}
            (tenant_id, order_id, status, customer_ref, line_skus, line_warehouse_ids, line_quantities, created_at, updated_at, expires_at)
        VALUES ($1, $2, '{BaselineValues.ReservedOrder}', $3, $4, $5, $6, $7, $7, $8)
        RETURNING 1
        """;

    public static object?[] InsertValues(
        string tenantId, string orderId, string? customerRef, IReadOnlyList<OrderLine> lines, DateTimeOffset now, DateTimeOffset expiresAt) =>
    [
        tenantId, orderId, customerRef,
        lines.Select(l => l.Sku).ToArray(), lines.Select(l => l.WarehouseId).ToArray(), lines.Select(l => l.Quantity).ToArray(),
        now, expiresAt,
    ];

    public static OrderView Placed(
        string orderId, string? customerRef, IReadOnlyList<OrderLine> lines, DateTimeOffset now, DateTimeOffset expiresAt) =>
        new(orderId, OrderStatus.Reserved, customerRef, lines, now, now, expiresAt, [new OrderHistoryEntry(OrderStatus.Reserved, now)], Version: 1);

    public static Outcome<OrderView> Replay(OrderView stored, string? customerRef, IReadOnlyList<OrderLine> lines) =>
        stored.CustomerRef == customerRef && stored.Lines.SequenceEqual(lines)
            ? stored
            : Failure.Conflict($"Order '{stored.OrderId}' already exists with other content.");

    public static Failure Missing(OrderLine line) =>
        Failure.NotFound($"Stock item '{line.Sku}' in warehouse '{line.WarehouseId}' does not exist.");

    /// <summary>The refusal naming every short line (by line index) with what was available to it.</summary>
    public static Failure Insufficient(IReadOnlyList<OrderLine> lines, IReadOnlyDictionary<int, long> availableByShortLine)
    {
        var shortLines = availableByShortLine.OrderBy(pair => pair.Key)
            .Select(pair => new ShortLine(lines[pair.Key].Sku, lines[pair.Key].WarehouseId, lines[pair.Key].Quantity, pair.Value, pair.Key))
            .ToList();
        return new Failure(FailureCode.InsufficientStock, $"{shortLines.Count} of {lines.Count} lines are short of stock.")
        {
            ShortLines = shortLines,
        };
    }
}
