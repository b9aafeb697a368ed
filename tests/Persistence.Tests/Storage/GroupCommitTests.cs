using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Storage;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Orders;
using Quartermaster.Grains.Orders;
using Quartermaster.Grains.Stock;
using Quartermaster.Persistence.Hosting;
using Quartermaster.Persistence.Migrations;
using Quartermaster.Persistence.Storage;
using Quartermaster.Persistence.Storage.GroupCommit;
using Quartermaster.Persistence.Tests.Infrastructure;

namespace Quartermaster.Persistence.Tests.Storage;

/// <summary>
/// The group commit on a real PostgreSQL. A flusher with one slot is kept busy by a write that waits on a
/// row lock the test holds, so the writes queued meanwhile are certain to share the next flush; which rows
/// committed together shows in their <c>xmin</c> (the id of the transaction that wrote them).
/// </summary>
public sealed class GroupCommitTests(FreshDatabases fresh) : IClassFixture<FreshDatabases>
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_stale_write_fails_alone_and_its_neighbours_in_the_flush_commit()
    {
        await using var db = await Tables.CreateAsync(fresh);
        var stale = await db.NewStockItemAsync("sku-stale", onHand: 5);
        var current = await db.NewStockItemAsync("sku-current", onHand: 5);
        var neighbour = new GrainState<Note>(new Note("neighbour"));
        // Another writer moved the first item on after it was read.
        await db.ExecuteAsync("UPDATE qm_stock_items SET version = version + 1 WHERE sku = 'sku-stale'");

        await using (var slot = await SlotHolder.HoldAsync(db))
        {
            stale.State.State!.OnHand = 7;
            current.State.State!.OnHand = 9;
            var staleWrite = db.Stock.WriteAsync("stock", stale.Id, stale.State);
            var currentWrite = db.Stock.WriteAsync("stock", current.Id, current.State);
            var neighbourWrite = db.Generic.WriteAsync("note", "neighbour", neighbour);
            await slot.ReleaseAsync();

            await Assert.ThrowsAsync<InconsistentStateException>(() => staleWrite);
            await currentWrite;
            await neighbourWrite;
        }

        Assert.Equal(5L, await db.ScalarAsync<long>("SELECT on_hand FROM qm_stock_items WHERE sku = 'sku-stale'"));
        Assert.Equal(9L, await db.ScalarAsync<long>("SELECT on_hand FROM qm_stock_items WHERE sku = 'sku-current'"));
        Assert.Equal(
            await db.ScalarAsync<string>("SELECT xmin::text FROM qm_stock_items WHERE sku = 'sku-current'"),
            await db.ScalarAsync<string>("SELECT xmin::text FROM qm_grain_state WHERE grain_id = 'neighbour'"));

        // What the stale grain does next: reload, and write from what it read.
        var reloaded = new GrainState<StockItemState>(new StockItemState());
        await db.Stock.ReadAsync("stock", stale.Id, reloaded);
        reloaded.State!.OnHand = 7;
        await db.Stock.WriteAsync("stock", stale.Id, reloaded);
        Assert.Equal(7L, await db.ScalarAsync<long>("SELECT on_hand FROM qm_stock_items WHERE sku = 'sku-stale'"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_write_that_breaks_a_constraint_fails_only_its_caller(bool namesFailedStatement)
    {
        await using var db = await Tables.CreateAsync(fresh, namesFailedStatement: namesFailedStatement);
        var good = await db.NewStockItemAsync("sku-good", onHand: 5);
        var order = new GrainState<OrderState>(new OrderState
        {
            Status = OrderStatus.Reserved, CustomerRef = "c-1", CreatedAt = At, UpdatedAt = At, ExpiresAt = At.AddMinutes(15),
        });
        var note = new GrainState<Note>(new Note("kept"));
        // Reserving more than is on hand breaks qm_stock_items_levels: the statement itself fails.
        var poisoned = new GrainState<StockItemState>(new StockItemState { OnHand = 1, Reserved = 5 });

        await using (var slot = await SlotHolder.HoldAsync(db))
        {
            good.State.State!.OnHand = 8;
            var goodWrite = db.Stock.WriteAsync("stock", good.Id, good.State);
            var poisonedWrite = db.Stock.WriteAsync("stock", GrainKeys.StockItem("t1", "sku-poisoned", "w1"), poisoned);
            var orderWrite = db.Orders.WriteAsync("order", GrainKeys.Order("t1", "o-1"), order);
            var noteWrite = db.Generic.WriteAsync("note", "kept", note);
            await slot.ReleaseAsync();

            var refused = await Assert.ThrowsAsync<PostgresException>(() => poisonedWrite);
            Assert.Equal(PostgresErrorCodes.CheckViolation, refused.SqlState);
            await Task.WhenAll(goodWrite, orderWrite, noteWrite);
        }

        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM qm_stock_items WHERE sku = 'sku-poisoned'"));
        Assert.Equal(8L, await db.ScalarAsync<long>("SELECT on_hand FROM qm_stock_items WHERE sku = 'sku-good'"));
        Assert.Equal("reserved", await db.ScalarAsync<string>("SELECT status FROM qm_orders WHERE order_id = 'o-1'"));
        Assert.Equal((null, "1"), (poisoned.ETag, order.ETag));
        // Told which statement failed, the flusher ran the three survivors again together, without the poisoned
        // write; not told, it split the flush until the poisoned write was alone.
        Assert.Equal(namesFailedStatement ? 1L : 2L, await db.ScalarAsync<long>("""
            SELECT count(DISTINCT x) FROM (
                SELECT xmin::text AS x FROM qm_stock_items WHERE sku = 'sku-good'
                UNION ALL SELECT xmin::text FROM qm_orders WHERE order_id = 'o-1'
                UNION ALL SELECT xmin::text FROM qm_grain_state WHERE grain_id = 'kept') AS t
            """));
    }

    [Fact]
    public async Task A_flush_whose_commit_fails_answers_every_caller_with_the_error_and_applies_nothing()
    {
        await using var db = await Tables.CreateAsync(fresh);
        var item = await db.NewStockItemAsync("sku-1", onHand: 5);
        // Checked only at COMMIT: every statement of the flush succeeds, then the transaction is refused.
        await db.ExecuteAsync("""
            CREATE FUNCTION refuse_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.grain_id = 'refused-at-commit' THEN RAISE EXCEPTION 'refused at commit'; END IF;
                RETURN NULL;
            END $$;
            CREATE CONSTRAINT TRIGGER refuse_at_commit AFTER INSERT ON qm_grain_state
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_at_commit();
            """);
        var order = new GrainState<OrderState>(new OrderState { Status = OrderStatus.Reserved, CreatedAt = At, UpdatedAt = At });
        var note = new GrainState<Note>(new Note("refused"));

        Task[] writes;
        await using (var slot = await SlotHolder.HoldAsync(db))
        {
            item.State.State!.OnHand = 8;
            writes =
            [
                db.Stock.WriteAsync("stock", item.Id, item.State),
                db.Orders.WriteAsync("order", GrainKeys.Order("t1", "o-commit"), order),
                db.Generic.WriteAsync("note", "refused-at-commit", note),
            ];
            await slot.ReleaseAsync();
        }

        foreach (var write in writes)
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => write);
            Assert.Equal(PostgresErrorCodes.RaiseException, error.SqlState);
        }

        Assert.Equal(5L, await db.ScalarAsync<long>("SELECT on_hand FROM qm_stock_items WHERE sku = 'sku-1'"));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM qm_orders WHERE order_id = 'o-commit'"));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM qm_grain_state WHERE grain_id = 'refused-at-commit'"));
        Assert.Equal((null, null), (order.ETag, note.ETag));
        // The flusher is not stuck: the next write commits.
        await db.Generic.WriteAsync("note", "after", new GrainState<Note>(new Note("after")));
    }

    [Fact]
    public async Task Concurrent_writes_of_many_grains_share_flushes()
    {
        const int Grains = 300;
        await using var db = await Tables.CreateAsync(fresh, maxFlushesInFlight: 4);
        var writes = Enumerable.Range(0, Grains)
            .Select(i => Task.Run(() => db.Generic.WriteAsync("note", $"g-{i}", new GrainState<Note>(new Note($"g-{i}")))))
            .ToArray();
        await Task.WhenAll(writes);

        Assert.Equal((long)Grains, await db.ScalarAsync<long>("SELECT count(*) FROM qm_grain_state WHERE grain_type = 'note'"));
        var transactions = await db.ScalarAsync<long>("SELECT count(DISTINCT xmin::text) FROM qm_grain_state WHERE grain_type = 'note'");
        Assert.True(transactions <= Grains / 4, $"{Grains} writes took {transactions} transactions");
    }

    public sealed record Note(string Text);

    /// <summary>A migrated database and the three tables writing through one flusher.</summary>
    private sealed class Tables(string connectionString, NpgsqlDataSource source, WriteFlusher flusher) : IAsyncDisposable
    {
        public GenericStateTable Generic { get; } = new(source, flusher);

        public StockItemTable Stock { get; } = new(source, flusher);

        public OrderTable Orders { get; } = new(new StoredOrders(source), flusher);

        public string ConnectionString => connectionString;

        public static async Task<Tables> CreateAsync(FreshDatabases fresh, int maxFlushesInFlight = 1, bool namesFailedStatement = true)
        {
            var connectionString = await fresh.CreateAsync();
            await Migrator.MigrateAsync(connectionString, NullLogger.Instance, CancellationToken.None);
            var source = namesFailedStatement ? PostgresDataSource.Create(connectionString) : NpgsqlDataSource.Create(connectionString);
            return new Tables(connectionString, source, TestFlusher.For(source, maxFlushesInFlight));
        }

        public async Task<(string Id, GrainState<StockItemState> State)> NewStockItemAsync(string sku, long onHand)
        {
            var id = GrainKeys.StockItem("t1", sku, "w1");
            var state = new GrainState<StockItemState>(new StockItemState { OnHand = onHand });
            await Stock.WriteAsync("stock", id, state);
            return (id, state);
        }

        public async Task ExecuteAsync(string sql)
        {
            await using var command = source.CreateCommand(sql);
            await command.ExecuteNonQueryAsync();
        }

        public async Task<T> ScalarAsync<T>(string sql)
        {
            await using var command = source.CreateCommand(sql);
            return (T)(await command.ExecuteScalarAsync())!;
        }

        public ValueTask DisposeAsync() => source.DisposeAsync();
    }

    /// <summary>
    /// Occupies the flusher's only slot: a write to a row this holder has locked. Until released, every
    /// other write queues; released, they all go in the next flush.
    /// </summary>
    private sealed class SlotHolder(HeldRowLock rowLock, Task blockedWrite) : IAsyncDisposable
    {
        public static async Task<SlotHolder> HoldAsync(Tables db)
        {
            var blocker = new GrainState<Note>(new Note("blocker"));
            var id = $"blocker-{Guid.NewGuid():N}";
            await db.Generic.WriteAsync("note", id, blocker);

            var rowLock = await HeldRowLock.TakeAsync(db.ConnectionString, "SELECT 1 FROM qm_grain_state WHERE grain_id = $1 FOR UPDATE", id);
            blocker.State = new Note("blocker, written");
            var blockedWrite = db.Generic.WriteAsync("note", id, blocker);
            await rowLock.WaitUntilAWriteBlocksAsync("the slot's flush to wait on the held row lock");
            return new SlotHolder(rowLock, blockedWrite);
        }

        public async Task ReleaseAsync()
        {
            await rowLock.ReleaseAsync();
            await blockedWrite;
        }

        public ValueTask DisposeAsync() => rowLock.DisposeAsync();
    }
}
