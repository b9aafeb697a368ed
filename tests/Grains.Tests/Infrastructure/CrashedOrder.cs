using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Orders;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Hosting;
using Quartermaster.Grains.Orders;

namespace Quartermaster.Grains.Tests.Infrastructure;

/// <summary>
/// Leaves an order exactly as a crash at a chosen point of its work would: the state its grain last wrote
/// (with the due time that write recorded) and the holds it had placed or ended so far, with no activation
/// of the order that knows more. Nothing but the sweep is then left to finish or undo it.
/// </summary>
public sealed class CrashedOrder(TestCluster cluster, TestTenant tenant, string orderId, IReadOnlyList<OrderLine> lines)
{
    private const int Attempt = 1;
    private const int TtlSeconds = 600;

    public string OrderId => orderId;

    /// <summary>What OrderHolds names the hold of a line, so these are the holds the order's grain would place.</summary>
    public string HoldId(int line) => $"order:{orderId}:{Attempt}:{line}";

    /// <summary>The placement's intent was written and the first <paramref name="holdsPlaced"/> holds placed; the final write never happened.</summary>
    public async Task PlacementAsync(int holdsPlaced)
    {
        await WriteAsync(State(status: null, target: OrderStatus.Reserved));
        await PlaceHoldsAsync(holdsPlaced);
    }

    /// <summary>A reserved order whose confirmation intent was written, then nothing (a release before this one wrote one).</summary>
    public async Task ConfirmationAsync()
    {
        await PlaceHoldsAsync(lines.Count);
        await WriteAsync(State(OrderStatus.Reserved, OrderStatus.Confirmed));
    }

    /// <summary>A reserved order whose confirmation kept the first <paramref name="holdsKept"/> holds, then nothing; a confirmation records no intent.</summary>
    public async Task ConfirmationWithoutIntentAsync(int holdsKept)
    {
        await WriteAsync(State(OrderStatus.Reserved, target: null));
        await PlaceHoldsAsync(lines.Count);
        for (var i = 0; i < holdsKept; i++)
        {
            (await StockItem(i).KeepHold(HoldId(i))).Ok();
        }
    }

    /// <summary>A confirmed order whose shipping intent was written and the first <paramref name="holdsCommitted"/> holds committed.</summary>
    public async Task ShippingAsync(int holdsCommitted)
    {
        await PlaceHoldsAsync(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            (await StockItem(i).KeepHold(HoldId(i))).Ok();
        }

        await WriteAsync(State(OrderStatus.Confirmed, OrderStatus.Shipped));
        for (var i = 0; i < holdsCommitted; i++)
        {
            (await StockItem(i).CommitHold(HoldId(i))).Ok();
        }
    }

    private async Task PlaceHoldsAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            (await StockItem(i).PlaceHold(new HoldRequest(HoldId(i), lines[i].Quantity, TimeSpan.FromSeconds(TtlSeconds + 30), orderId))).Ok();
        }
    }

    private IStockItemGrain StockItem(int line) => tenant.Stock(lines[line].Sku, lines[line].WarehouseId);

    private OrderState State(OrderStatus? status, OrderStatus? target)
    {
        var now = TestClock.Now;
        List<OrderHistoryEntry> history = status switch
        {
            null => [],
            OrderStatus.Reserved => [new(OrderStatus.Reserved, now)],
            _ => [new(OrderStatus.Reserved, now), new(status.Value, now)],
        };
        var order = new OrderState
        {
            Attempt = Attempt,
            Status = status,
            Target = target,
            CustomerRef = "cust-1",
            Lines = [.. lines],
            CreatedAt = now,
            UpdatedAt = now,
            ExpiresAt = status is null or OrderStatus.Reserved ? now.AddSeconds(TtlSeconds) : null,
            History = history,
            Version = history.Count,
        };
        order.DueAt = OrderSweep.DueAt(order, now);
        return order;
    }

    /// <summary>Through the silo's own storage provider and due index, as the order's grain writes.</summary>
    private async Task WriteAsync(OrderState order)
    {
        var services = ((InProcessSiloHandle)cluster.Primary!).SiloHost!.Services;
        var storage = services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Business);
        var grain = tenant.Order(orderId);
        await storage.WriteStateAsync(StateNames.Order, grain.GetGrainId(), new GrainState<OrderState>(order));
        await services.GetRequiredService<IOrderDueIndex>().RecordAsync(GrainKeys.Order(tenant.Id, orderId), order.DueAt);
    }
}
