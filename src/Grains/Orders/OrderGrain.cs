using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Customers;
using Quartermaster.Grains.Abstractions.Events;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Orders;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Events;
using Quartermaster.Grains.Hosting;
using Quartermaster.Grains.Telemetry;

namespace Quartermaster.Grains.Orders;

/// <summary>
/// One order. Every change but a confirmation is recorded as a target first, then carried out on the holds of its
/// lines, then recorded as done; a target left by a crash is finished (or a placement undone) on the next call. Each
/// write also records when the order is next due (<see cref="OrderSweep.DueAt"/>), so the sweep wakes an
/// order that nothing else calls: one left unfinished, or a reservation past its expiry. The state is read and
/// written through the orders storage provider directly, like a stock item's (see <see cref="Stock.StockItemGrain"/>):
/// Orleans' persistent-state facet would add a scheduling hop to each of the order's writes.
/// </summary>
public sealed partial class OrderGrain(
    [FromKeyedServices(StorageNames.Orders)] IGrainStorage storage,
    [FromKeyedServices(ClockNames.Business)] TimeProvider clock,
    IOrderDueIndex dueIndex,
    IOrderSearch orders,
    IEventLog events,
    MembershipSettling settling,
    ILogger<OrderGrain> logger)
    : Grain, IOrderGrain, IRemindable
{
    private readonly GrainState<OrderState> _stored = new(new OrderState());
    private OrderKey _key;
    private long _writes;
    private bool _loaded;
    private long _confirmedAt;
    private IGrainTimer? _expiryTimer;

    /// <summary>Starts as a fresh state, and every storage provider's read sets one (a fresh one when none is stored).</summary>
    private OrderState Order => _stored.State!;

    private OrderHolds Holds => new(GrainFactory, _key, Order.Attempt, Order.Lines);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = GrainKeys.ParseOrder(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public async Task<Outcome<OrderView>> Place(PlaceOrder command)
    {
        if (!_loaded && storage is IInsertsOnlyNewRows && await TryPlaceUnreadAsync(command) is { } placed)
        {
            return placed;
        }

        await LoadCurrentAsync();
        await ResumeAsync();
        if (Order.Status is not null)
        {
            return Order.CustomerRef == command.CustomerRef && Order.Lines.SequenceEqual(command.Lines)
                ? View()
                : Failure.Conflict($"Order '{_key.OrderId}' already exists with other content.");
        }

        // Before the intent is written: a refused placement leaves nothing. An order already placed (above) is
        // answered as it is, whatever its customer's status now.
        if (await IsCustomerBlockedAsync(command) is { } blocked)
        {
            return blocked;
        }

        RecordPlacementIntent(command);
        await WriteAsync();
        return await PlaceHoldsAsync(command);
    }

    public async Task<OrderView?> Get()
    {
        await LoadCurrentAsync();
        return Order.Status is null ? null : View();
    }

    public Task<Outcome<OrderView>> Confirm() => TransitionAsync(OrderStatus.Confirmed);

    public Task<Outcome<OrderView>> Ship() => TransitionAsync(OrderStatus.Shipped);

    public Task<Outcome<OrderView>> Cancel() => TransitionAsync(OrderStatus.Cancelled);

    /// <summary>
    /// Placement of an order never seen, without the read its activation would otherwise wait for: the intent is
    /// written as an insert, which a stored row refuses (a retried placement, one refused before, one a crash cut
    /// off). Refused, the activation reads the row and places as usual; null says so.
    /// </summary>
    private async Task<Outcome<OrderView>?> TryPlaceUnreadAsync(PlaceOrder command)
    {
        if (await IsCustomerBlockedAsync(command) is not null)
        {
            return null; // an order already placed is answered as it is, whatever its customer's status now
        }

        RecordPlacementIntent(command);
        StampDueAt();
        var writtenAt = settling.Now;
        if (!await storage.TryInsertOrDropAsync(StateNames.Order, _stored, this, logger))
        {
            _stored.State = new OrderState(); // the intent was not stored: the row read next is the state
            return null;
        }

        _loaded = true;
        await AfterWriteAsync(writtenAt);
        return await PlaceHoldsAsync(command);
    }

    private async Task<Failure?> IsCustomerBlockedAsync(PlaceOrder command) =>
        command.CustomerRef is { } customerRef
        && await GrainFactory.GetGrain<ICustomerGrain>(GrainKeys.Customer(_key.TenantId, customerRef)).IsBlocked()
            ? Failure.CustomerBlocked($"Customer '{customerRef}' is blocked: it may place no new orders.")
            : null;

    private void RecordPlacementIntent(PlaceOrder command)
    {
        var now = clock.GetUtcNow();
        Order.Attempt++;
        Order.Target = OrderStatus.Reserved;
        Order.CustomerRef = command.CustomerRef;
        Order.Lines = [.. command.Lines];
        Order.CreatedAt = now;
        Order.UpdatedAt = now;
        Order.ExpiresAt = now.AddSeconds(command.ReservationTtlSeconds);
        Order.History = [];
    }

    private async Task<Outcome<OrderView>> PlaceHoldsAsync(PlaceOrder command)
    {
        var placed = await Holds.PlaceAll(TimeSpan.FromSeconds(command.ReservationTtlSeconds));
        if (placed.All(p => p.Value?.Status == HoldStatus.Active))
        {
            await FinishAsync(OrderStatus.Reserved);
            return View();
        }

        var undone = await UndoPlacementAsync();
        return PlacementFailure(command.Lines, placed, undone);
    }

    public async Task<OrderView?> ExpireIfDue()
    {
        await LoadAsync();
        await ResumeAsync();
        if (Order.Status == OrderStatus.Reserved && clock.GetUtcNow() >= Order.ExpiresAt)
        {
            await StartAsync(OrderStatus.Expired);
        }

        return Order.Status is null ? null : View();
    }

    public async Task Sweep()
    {
        var writes = _writes;
        await ExpireIfDue();
        if (_writes == writes && _stored.RecordExists)
        {
            // Woken with nothing to do: the row's due time is behind the order (written by a release that did
            // not keep it, or this silo's clock is behind the sweeper's). Rewriting it sets it right.
            await WriteAsync();
        }
    }

    /// <summary>Orders keep no reminders any more; one registered by an earlier release ends at its next tick.</summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        await Sweep();
        if (await this.GetReminder(reminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private async Task<Outcome<OrderView>> TransitionAsync(OrderStatus target)
    {
        await LoadCurrentAsync();
        await ResumeAsync();
        if (Order.Status is not { } current)
        {
            return Failure.NotFound($"Order '{_key.OrderId}' does not exist.");
        }

        if (current == target)
        {
            return View();
        }

        if (current == OrderStatus.Reserved && clock.GetUtcNow() >= Order.ExpiresAt)
        {
            await StartAsync(OrderStatus.Expired);
            current = OrderStatus.Expired;
        }

        if (!OrderTransitions.IsAllowed(current, target))
        {
            return Failure.InvalidTransition(
                $"Order '{_key.OrderId}' is {OrderTransitions.Name(current)}; it cannot become {OrderTransitions.Name(target)}.");
        }

        await StartAsync(target);
        return Order.Status == target
            ? View()
            : Failure.InvalidTransition($"Order '{_key.OrderId}' expired before it could become {OrderTransitions.Name(target)}.");
    }

    private async Task StartAsync(OrderStatus target)
    {
        if (target != OrderStatus.Confirmed)
        {
            Order.Target = target;
            await WriteAsync();
        }

        // A confirmation records no intent: cut off after keeping some holds, it leaves the order reserved and due
        // at its expiry, which ends every line's hold, kept or not. A retried confirmation keeps the rest.
        await CarryOutAsync(target);
    }

    /// <summary>Finishes what a crash interrupted, before anything new is done.</summary>
    private async Task ResumeAsync()
    {
        switch (Order.Target)
        {
            case null:
                return;
            case OrderStatus.Reserved:
                LogResumed(_key.TenantId, _key.OrderId, "undo placement");
                await UndoPlacementAsync();
                return;
            case { } target:
                LogResumed(_key.TenantId, _key.OrderId, OrderTransitions.Name(target));
                await CarryOutAsync(target);
                return;
        }
    }

    private async Task CarryOutAsync(OrderStatus target)
    {
        var results = await Holds.ForEach(target switch
        {
            OrderStatus.Confirmed => (item, hold) => item.KeepHold(hold),
            OrderStatus.Shipped => (item, hold) => item.CommitHold(hold),
            OrderStatus.Cancelled => (item, hold) => item.ReleaseHold(hold),
            OrderStatus.Expired => (item, hold) => item.ExpireHold(hold),
            _ => throw new ArgumentOutOfRangeException(nameof(target), target, "Not a transition with line work."),
        });

        if (results.FirstOrDefault(r => r.Failure is not null)?.Failure is { } failure)
        {
            if (target == OrderStatus.Confirmed)
            {
                // A line's hold already ran out on its stock item: the order cannot be kept, so it expires.
                await StartAsync(OrderStatus.Expired);
                return;
            }

            throw new GrainUnavailableException(
                $"Order '{_key.OrderId}' could not become {OrderTransitions.Name(target)}: {failure.Detail}");
        }

        await FinishAsync(target);
    }

    private async Task FinishAsync(OrderStatus target)
    {
        var now = clock.GetUtcNow();
        Order.Status = target;
        Order.Target = null;
        Order.UpdatedAt = now;
        if (target is OrderStatus.Confirmed or OrderStatus.Cancelled)
        {
            // Neither can expire any more; a cancelled order showing its old deadline read as if it still could.
            Order.ExpiresAt = null;
        }

        Order.History.Add(new OrderHistoryEntry(target, now));
        Order.Version++;
        Order.UnwrittenEvents().Add(new PendingEvent(EventTypes.OfOrder(target), now, new EventData(Order: View())));
        await WriteAsync();
        LogTransition(_key.TenantId, _key.OrderId, OrderTransitions.Name(target));
        QuartermasterMetrics.OrderTransition(OrderTransitions.Name(target));

        ScheduleExpiryTimer();
        await PublishToListAsync();
    }

    /// <returns>Each line's revoked hold, with its stock item's levels once it was revoked.</returns>
    private async Task<Outcome<HoldView>[]> UndoPlacementAsync()
    {
        // Revoke, not release: a stale activation of this order may still be placing these holds.
        var revoked = await Holds.ForEach((item, hold) => item.RevokeHold(hold));
        Order.Target = null;
        Order.Status = null;
        await WriteAsync();
        return revoked;
    }

    /// <summary>Every write of the order carries its next due time, and the due index learns it once it is durable.</summary>
    private async Task WriteAsync()
    {
        StampDueAt();
        var writtenAt = settling.Now;
        await storage.WriteOrDropAsync(StateNames.Order, _stored, this, logger);
        await AfterWriteAsync(writtenAt);
    }

    private void StampDueAt() => Order.DueAt = OrderSweep.DueAt(Order, clock.GetUtcNow());

    /// <param name="writtenAt">When the write started: one that passed its version check shows memory matched storage then.</param>
    private async Task AfterWriteAsync(long writtenAt)
    {
        _writes++;
        _confirmedAt = Math.Max(_confirmedAt, writtenAt);
        if (Order.HasUnwrittenEvents())
        {
            if (!events.WrittenWithState)
            {
                await events.RecordAsync(_key.TenantId, Order.UnwrittenEvents());
            }

            Order.MarkEventsWritten();
        }

        await dueIndex.RecordAsync(this.GetPrimaryKeyString(), Order.DueAt);
    }

    private static Failure PlacementFailure(IReadOnlyList<OrderLine> lines, Outcome<HoldView>[] placed, Outcome<HoldView>[] undone)
    {
        if (placed.FirstOrDefault(p => p.Failure?.Code is FailureCode.NotFound or FailureCode.Conflict)?.Failure is { } fatal)
        {
            return fatal;
        }

        var shared = AvailableOnceUndone(lines, undone);
        var shortLines = lines
            .Select((line, i) => (line, i, failure: placed[i].Failure))
            .Where(x => x.failure?.Code == FailureCode.InsufficientStock)
            .Select(x => new ShortLine(x.line.Sku, x.line.WarehouseId, x.line.Quantity,
                shared.TryGetValue((x.line.Sku, x.line.WarehouseId), out var available) ? available : x.failure!.Available ?? 0, x.i))
            .ToList();
        return new Failure(FailureCode.InsufficientStock, $"{shortLines.Count} of {lines.Count} lines are short of stock.")
        {
            ShortLines = shortLines,
        };
    }

    /// <summary>
    /// The available of each stock item that several lines name, once this order's holds on it were undone. A line
    /// refused there was refused beside the order's own holds on the item, so the refusal's available understates
    /// what the item has for the order. The latest revoke on an item (its highest version) saw them all undone.
    /// </summary>
    private static Dictionary<(string Sku, string WarehouseId), long> AvailableOnceUndone(IReadOnlyList<OrderLine> lines, Outcome<HoldView>[] undone) =>
        lines.Select((line, i) => (line, stock: undone[i].Value?.Stock))
            .GroupBy(x => (x.line.Sku, x.line.WarehouseId))
            .Where(g => g.Count() > 1 && g.Any(x => x.stock is not null))
            .ToDictionary(g => g.Key, g => g.Where(x => x.stock is not null).MaxBy(x => x.stock!.Version).stock!.Available);

    /// <summary>Every call but a placement of a new order starts from the stored row, read once per activation.</summary>
    private async Task LoadAsync()
    {
        if (_loaded)
        {
            return;
        }

        _confirmedAt = settling.Now;
        await storage.ReadStateAsync(StateNames.Order, GrainContext.GrainId, _stored);
        _loaded = true;
        ScheduleExpiryTimer();
    }

    /// <summary>
    /// For a call that may answer from memory (a read, a replayed placement, a transition already made or not
    /// allowed): the row, read now if this activation has not read it, else (while membership settles, see
    /// <see cref="MembershipSettling"/>) memory compared with storage first, since a second activation left from
    /// a directory hand-off would answer from the row it loaded until it writes. Reads interleave only with
    /// reads, so no write of this activation is in flight. Storage ahead of memory drops this activation, and
    /// the caller's retry reloads.
    /// </summary>
    private async Task LoadCurrentAsync()
    {
        if (!_loaded)
        {
            await LoadAsync(); // as fresh as a comparison would be
            return;
        }

        if (!settling.MustConfirm(_confirmedAt))
        {
            return;
        }

        var checkedAt = settling.Now;
        var stored = new GrainState<OrderState>(new OrderState());
        await storage.ReadStateAsync(StateNames.Order, GrainContext.GrainId, stored);
        if (stored.ETag != _stored.ETag)
        {
            LogStaleActivation(_key.TenantId, _key.OrderId, _stored.ETag, stored.ETag);
            DeactivateOnIdle();
            throw new GrainUnavailableException($"Order {_key.OrderId} was written by another activation; it is reloading.");
        }

        _confirmedAt = Math.Max(_confirmedAt, checkedAt);
    }

    private void ScheduleExpiryTimer()
    {
        _expiryTimer?.Dispose();
        _expiryTimer = null;
        if (Order is { Status: OrderStatus.Reserved, Target: null, ExpiresAt: { } expiresAt })
        {
            var wait = expiresAt - clock.GetUtcNow();
            _expiryTimer = this.RegisterGrainTimer(
                _ => ExpireIfDue(),
                new GrainTimerCreationOptions(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan));
        }
    }

    /// <summary>The order itself is durable already; a missed list update is repaired by its next change.</summary>
    private async Task PublishToListAsync()
    {
        try
        {
            await orders.PublishAsync(_key.TenantId, View());
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogIndexFailed(error, _key.TenantId, _key.OrderId);
        }
    }

    private OrderView View() => Order.ToView(_key.OrderId);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Order {TenantId}/{OrderId} is now {Status}")]
    private partial void LogTransition(string tenantId, string orderId, string status);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Order {TenantId}/{OrderId}: resuming interrupted work ({Work})")]
    private partial void LogResumed(string tenantId, string orderId, string work);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Order {TenantId}/{OrderId}: the order list could not be updated")]
    private partial void LogIndexFailed(Exception error, string tenantId, string orderId);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Order {TenantId}/{OrderId}: a read found storage at {StoredVersion} while this activation holds {LoadedVersion}; another activation wrote it, so this one is dropped")]
    private partial void LogStaleActivation(string tenantId, string orderId, string? loadedVersion, string? storedVersion);
}
