using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using Quartermaster.Contracts.Orders;
using Quartermaster.Contracts.Schema;
using Quartermaster.Contracts.Stock;
using Quartermaster.Grains.Abstractions.Events;

namespace Quartermaster.Contracts.Events;

/// <summary>
/// An event as clients see it. <c>data</c> is the resource after the change, in the same shape the resource's own
/// endpoints return: a <see cref="StockChangeDto"/> for <c>stock.*</c>, a hold for <c>hold.*</c>, an order for
/// <c>order.*</c>, a <see cref="TransferCompletedDto"/> for <c>transfer.completed</c>, a
/// <see cref="CustomerUpdatedDto"/> for <c>customer.updated</c>.
/// </summary>
public sealed record EventDto(
    [property: EventIdFormat] string EventId,
    [property: Description("order.reserved, order.confirmed, order.shipped, order.cancelled, order.expired, stock.changed, stock.low, "
        + "stock.restocked, hold.expired, transfer.completed, customer.updated or import.finished. A string rather than an enum, "
        + "so that a client built today still reads the events of a type added later (and skips them).")] string Type,
    DateTimeOffset CreatedAt,
    [property: Description("The resource after the change, as its own endpoints return it: for stock.* a stock item with the "
        + "ledger entry that changed it (ledgerEntry; for stock.low and stock.restocked also the threshold crossed, "
        + "lowStockThreshold, and no entry when a change of that threshold was the crossing), for hold.* a hold, for order.* an order, for transfer.completed the transfer "
        + "(movementId, sku, fromWarehouseId, toWarehouseId, quantity) with both stock items as it left them (from, to), for customer.updated the customer "
        + "(customerRef, name, email, phone, status, attributes, createdAt, updatedAt) and erased; an erasure's event carries the ref, "
        + "erased and updatedAt, its other fields null, and removes the personal fields (name, email, phone, attributes) from the customer's earlier events, for import.finished the import's "
        + "importId, kind, status and counts (its errors: GET the import).")] JsonObject Data)
{
    public static EventDto From(TenantEvent e, JsonSerializerOptions json) =>
        new(e.EventId, e.Type, e.CreatedAt, DataOf(e.Data, json));

    private static JsonObject DataOf(EventData data, JsonSerializerOptions json)
    {
        object resource = data switch
        {
            { Stock: { } stock } => StockChangeDto.From(stock),
            { Hold: { } hold } => HoldDto.From(hold),
            { Order: { } order } => OrderDto.From(order),
            { Transfer: { } transfer } => TransferCompletedDto.Of(transfer),
            { Customer: { } customer } => CustomerUpdatedDto.Of(customer),
            { Import: { } import } => ImportFinishedDto.Of(import),
            _ => throw new InvalidOperationException("An event without data."),
        };
        return JsonSerializer.SerializeToNode(resource, resource.GetType(), json)!.AsObject();
    }
}
