using Npgsql;
using Orleans.Storage;
using Quartermaster.Grains.Abstractions.Events;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Orders;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Events;
using Quartermaster.Grains.Orders;
using Quartermaster.Grains.Stock;
using Quartermaster.Persistence.Storage;
using Quartermaster.Persistence.Tests.Infrastructure;

namespace Quartermaster.Persistence.Tests.Storage;

/// <summary>The transactional outbox: events are written by the state write itself, and listed in a safe order.</summary>
public sealed class EventOutboxTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_stock_write_records_one_event_per_ledger_entry_and_a_hold_expiry_and_a_stale_write_records_none()
    {
        await using var source = NpgsqlDataSource.Create(database.ConnectionString);
        var table = new StockItemTable(source, TestFlusher.For(source));
        var log = new PostgresEventLog(source);
        var tenant = "ev-stock-" + Guid.NewGuid().ToString("N")[..8];
        var grainId = GrainKeys.StockItem(tenant, "sku-1", "w1");
        var stock = new StockItemState();
        var state = new GrainState<StockItemState>(stock);
        stock.OnHand = 10;
        Append(stock, "r1", LedgerEntryType.Receipt, 10);
        stock.Reserved = 4;
        Append(stock, "h1", LedgerEntryType.Hold, 4);
        stock.Holds["h1"] = new HoldRecord { Quantity = 4, ExpiresAt = At };
        stock.Unwritten().Holds["h1"] = stock.Holds["h1"];
        stock.Unwritten().NewHoldIds.Add("h1");
        await table.WriteAsync("stock", grainId, state);
        stock.MarkWritten();
        var staleEtag = state.ETag;

        var hold = stock.Holds["h1"];
        hold.Status = HoldStatus.Expired;
        stock.Holds.Remove("h1");
        stock.Unwritten().Holds["h1"] = hold;
        stock.Reserved = 0;
        Append(stock, "h1", LedgerEntryType.Expire, 4);
        await table.WriteAsync("stock", grainId, state);

        var stale = new StockItemState { OnHand = 11, LastSeq = 2 };
        Append(stale, "r-stale", LedgerEntryType.Receipt, 1);
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            table.WriteAsync("stock", grainId, new GrainState<StockItemState>(stale) { ETag = staleEtag }));

        var page = await ListedAsync(log, tenant, 4);
        Assert.False(page.More);
        Assert.Equal(["stock.changed", "stock.changed", "stock.changed", "hold.expired"], page.Events.Select(e => e.Type));
        Assert.Equal([1L, 2L, 3L], page.Events.Where(e => e.Type == "stock.changed").Select(e => e.Data.Stock!.Entry!.Seq));
        Assert.Equal((10L, 0L, 3L), (page.Events[2].Data.Stock!.Item.OnHand, page.Events[2].Data.Stock!.Item.Reserved, page.Events[2].Data.Stock!.Item.Version));
        var expired = page.Events[3].Data.Hold!;
        Assert.Equal(("h1", 4L, HoldStatus.Expired, (DateTimeOffset?)At), (expired.HoldId, expired.Quantity, expired.Status, expired.ExpiresAt));
        Assert.Equal(page.Events.Select(e => e.EventId).Order(StringComparer.Ordinal), page.Events.Select(e => e.EventId));
        Assert.Equal(page.Events[1], await log.GetAsync(tenant, page.Events[1].EventId, CancellationToken.None));

        var after = await log.ReadAsync(tenant, page.Events[1].EventId, ["hold.expired"], 10, CancellationToken.None);
        Assert.Equal([page.Events[3].EventId], after.Events.Select(e => e.EventId));
        Assert.Empty((await log.ReadAsync("someone-else", null, null, 10, CancellationToken.None)).Events);
    }

    [Fact]
    public async Task An_order_write_records_the_event_of_its_transition_only_when_it_is_applied()
    {
        await using var source = NpgsqlDataSource.Create(database.ConnectionString);
        var table = new OrderTable(new StoredOrders(source), TestFlusher.For(source));
        var log = new PostgresEventLog(source);
        var tenant = "ev-order-" + Guid.NewGuid().ToString("N")[..8];
        var grainId = GrainKeys.Order(tenant, "o1");
        var order = new OrderState { Status = OrderStatus.Reserved, CreatedAt = At, UpdatedAt = At, Lines = [new OrderLine("p1", "w1", 2)] };
        order.History.Add(new OrderHistoryEntry(OrderStatus.Reserved, At));
        order.UnwrittenEvents().Add(new PendingEvent("order.reserved", At, new EventData(Order: order.ToView("o1"))));
        var state = new GrainState<OrderState>(order);
        await table.WriteAsync("order", grainId, state);
        order.MarkEventsWritten();
        var staleEtag = state.ETag;

        order.Status = OrderStatus.Confirmed;
        order.History.Add(new OrderHistoryEntry(OrderStatus.Confirmed, At.AddSeconds(1)));
        order.UnwrittenEvents().Add(new PendingEvent("order.confirmed", At.AddSeconds(1), new EventData(Order: order.ToView("o1"))));
        await table.WriteAsync("order", grainId, state);

        var stale = new OrderState { Status = OrderStatus.Cancelled, CreatedAt = At, UpdatedAt = At };
        stale.UnwrittenEvents().Add(new PendingEvent("order.cancelled", At, new EventData(Order: stale.ToView("o1"))));
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            table.WriteAsync("order", grainId, new GrainState<OrderState>(stale) { ETag = staleEtag }));

        var page = await ListedAsync(log, tenant, 2);
        Assert.Equal(["order.reserved", "order.confirmed"], page.Events.Select(e => e.Type));
        Assert.Equal([OrderStatus.Reserved, OrderStatus.Confirmed], page.Events.Select(e => e.Data.Order!.Status));
    }

    [Fact]
    public async Task A_transfer_records_transfer_completed_with_the_write_of_its_result_and_a_stale_write_records_none()
    {
        await using var source = NpgsqlDataSource.Create(database.ConnectionString);
        var table = new GenericStateTable(source, TestFlusher.For(source));
        var log = new PostgresEventLog(source);
        var tenant = "ev-transfer-" + Guid.NewGuid().ToString("N")[..8];
        var grainId = GrainKeys.Transfer(tenant, "p1", "move-1");
        var request = new TransferRequest("w1", "w2", 4);
        var transfer = new TransferState { Request = request };
        var state = new GrainState<TransferState>(transfer);
        await table.WriteAsync("transfer", grainId, state);
        var staleEtag = state.ETag;

        transfer.Result = new TransferResult(new StockLevels("p1", "w1", 6, 0, 2), new StockLevels("p1", "w2", 4, 0, 1));
        var completed = new TransferView("move-1", "p1", "w1", "w2", 4, transfer.Result);
        transfer.Carry(new UnwrittenEvents(tenant, [new PendingEvent(EventTypes.TransferCompleted, At, new EventData(Transfer: completed))]));
        await table.WriteAsync("transfer", grainId, state);
        transfer.MarkEventsWritten();

        var stale = new TransferState { Request = request, Result = transfer.Result };
        stale.Carry(new UnwrittenEvents(tenant, [new PendingEvent(EventTypes.TransferCompleted, At, new EventData(Transfer: completed))]));
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            table.WriteAsync("transfer", grainId, new GrainState<TransferState>(stale) { ETag = staleEtag }));

        var page = await ListedAsync(log, tenant, 1);
        var written = Assert.Single(page.Events);
        Assert.Equal(EventTypes.TransferCompleted, written.Type);
        Assert.Equal(completed, written.Data.Transfer);
    }

    [Fact]
    public async Task An_event_is_not_listed_while_a_transaction_that_began_before_its_own_is_still_open()
    {
        await using var source = NpgsqlDataSource.Create(database.ConnectionString);
        var table = new StockItemTable(source, TestFlusher.For(source));
        var log = new PostgresEventLog(source);
        var tenant = "ev-order-of-commits-" + Guid.NewGuid().ToString("N")[..8];

        // A writer whose transaction began first (it holds a transaction id) and has not committed yet.
        await using var early = await source.OpenConnectionAsync();
        await using var transaction = await early.BeginTransactionAsync();
        await using (var take = new NpgsqlCommand("SELECT pg_current_xact_id()", early, transaction))
        {
            await take.ExecuteScalarAsync();
        }

        var stock = new StockItemState { OnHand = 3 };
        Append(stock, "r1", LedgerEntryType.Receipt, 3);
        await table.WriteAsync("stock", GrainKeys.StockItem(tenant, "sku-1", "w1"), new GrainState<StockItemState>(stock));

        // Committed, but a commit of the open transaction could still sort before it: not listed yet.
        Assert.Empty((await log.ReadAsync(tenant, null, null, 10, CancellationToken.None)).Events);
        await transaction.CommitAsync();
        Assert.Single((await ListedAsync(log, tenant, 1)).Events);
    }

    [Fact]
    public async Task Retention_deletes_the_events_created_before_the_cutoff_and_keeps_the_rest()
    {
        await using var source = NpgsqlDataSource.Create(database.ConnectionString);
        var table = new StockItemTable(source, TestFlusher.For(source));
        var log = new PostgresEventLog(source);
        var tenant = "ev-retention-" + Guid.NewGuid().ToString("N")[..8];
        var stock = new StockItemState { OnHand = 1 };
        var state = new GrainState<StockItemState>(stock);
        stock.LastSeq = 1;
        AddEntry(stock, new LedgerEntry(1, "old", LedgerEntryType.Receipt, 1, 1, 0, At.AddDays(-40), null, null));
        await table.WriteAsync("stock", GrainKeys.StockItem(tenant, "sku-1", "w1"), state);
        stock.MarkWritten();
        stock.OnHand = 2;
        stock.LastSeq = 2;
        AddEntry(stock, new LedgerEntry(2, "new", LedgerEntryType.Receipt, 1, 2, 0, At, null, null));
        await table.WriteAsync("stock", GrainKeys.StockItem(tenant, "sku-1", "w1"), state);
        await ListedAsync(log, tenant, 2);

        var retention = new EventRetention(source, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<EventRetention>.Instance);
        Assert.True(await retention.PruneAsync(At - EventRetention.Retention, CancellationToken.None) >= 1);

        var kept = await log.ReadAsync(tenant, null, null, 10, CancellationToken.None);
        Assert.Equal(["new"], kept.Events.Select(e => e.Data.Stock!.Entry!.MovementId));
    }

    /// <summary>
    /// The tenant's log once it lists <paramref name="count"/> events. Other tests' transactions, open at the same
    /// moment on the same server, rightly hold back what is listed for a few milliseconds.
    /// </summary>
    private static Task<EventPage> ListedAsync(PostgresEventLog log, string tenant, int count) =>
        Eventually.ReturnsAsync(() => log.ReadAsync(tenant, null, null, 10, CancellationToken.None), p => p.Events.Count >= count,
            TimeSpan.FromSeconds(10), $"{count} events listed");

    private static void Append(StockItemState state, string movementId, LedgerEntryType type, long quantity)
    {
        state.LastSeq++;
        AddEntry(state, new LedgerEntry(state.LastSeq, movementId, type, quantity, state.OnHand, state.Reserved, At, null, null));
    }

    /// <summary>The entry and its events, as the stock book adds them.</summary>
    private static void AddEntry(StockItemState state, LedgerEntry entry)
    {
        state.Unwritten().Ledger.Add(entry);
        state.Unwritten().Events.AddRange(StockEvents.TypesOf(entry.Type, entry.Ref).Select(type => new StockEventRow(type, entry.At, entry.Seq, Data: null)));
    }
}
