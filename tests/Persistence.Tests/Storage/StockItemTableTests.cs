using Npgsql;
using Orleans.Storage;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Stock;
using Quartermaster.Persistence.Migrations;
using Quartermaster.Persistence.Storage;
using Quartermaster.Persistence.Tests.Infrastructure;

namespace Quartermaster.Persistence.Tests.Storage;

public sealed class StockItemTableTests(MigratedDatabase database, FreshDatabases fresh)
    : IClassFixture<MigratedDatabase>, IClassFixture<FreshDatabases>
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_write_stores_only_the_changed_holds_and_a_read_returns_the_active_ones()
    {
        await using var source = NpgsqlDataSource.Create(database.ConnectionString);
        var table = new StockItemTable(source, TestFlusher.For(source));
        var grainId = GrainKeys.StockItem("t1", "sku-1", "w1");
        var stock = new StockItemState { OnHand = 10, Reserved = 5 };
        var state = new GrainState<StockItemState>(stock);
        Append(stock, "r1", LedgerEntryType.Receipt, 10, null);
        Append(stock, "h1", LedgerEntryType.Hold, 2, "o1");
        Append(stock, "h2", LedgerEntryType.Hold, 3, null);
        AddHold(stock, "h1", new HoldRecord { Quantity = 2, ExpiresAt = At.AddMinutes(15), Ref = "o1" });
        AddHold(stock, "h2", new HoldRecord { Quantity = 3 });
        AddHold(stock, "h3", new HoldRecord { Quantity = 4 });

        await table.WriteAsync("stock", grainId, state);

        Assert.False(stock.Unwritten().ReplayRefused);
        stock.MarkWritten();
        var h1 = stock.Holds["h1"];
        h1.Status = HoldStatus.Committed;
        stock.Holds.Remove("h1");
        stock.Unwritten().Holds["h1"] = h1;
        stock.OnHand = 8;
        stock.Reserved = 3;
        Append(stock, "h1", LedgerEntryType.Commit, 2, "o1");
        // A change nobody marked is not written: proof that the write touches only the marked holds.
        stock.Holds["h2"].Status = HoldStatus.Expired;
        await table.WriteAsync("stock", grainId, state);

        var read = new GrainState<StockItemState>(new StockItemState());
        await table.ReadAsync("stock", grainId, read);
        var stored = read.State!;
        Assert.Equal((8L, 3L, 4L), (stored.OnHand, stored.Reserved, stored.LastSeq));
        Assert.Equal(["h2", "h3"], stored.Holds.Keys.Order(StringComparer.Ordinal));
        var h2 = stored.Holds["h2"];
        Assert.Equal((3L, HoldStatus.Active, (string?)null, (DateTimeOffset?)null), (h2.Quantity, h2.Status, h2.Ref, h2.ExpiresAt));
        Assert.False(stored.HasUnwritten());
        Assert.Equal(state.ETag, read.ETag);

        var history = new PostgresStockHistory(source);
        var ended = await history.FindAsync(Key(grainId), [], ["h1", "h-none"]);
        Assert.Equal(["h1"], ended.Holds.Keys);
        Assert.Equal((2L, HoldStatus.Committed, "o1", At.AddMinutes(15)), (ended.Holds["h1"].Quantity, ended.Holds["h1"].Status, ended.Holds["h1"].Ref, ended.Holds["h1"].ExpiresAt));
        var ledger = await history.ReadLedgerAsync(Key(grainId), 0, 10, stored.LastSeq);
        Assert.Equal(["r1", "h1", "h2", "h1"], ledger.Items.Select(e => e.MovementId));
        Assert.Null(ledger.NextAfter);
    }

    [Fact]
    public async Task A_write_from_a_stale_read_is_refused_and_leaves_nothing_behind()
    {
        await using var source = NpgsqlDataSource.Create(database.ConnectionString);
        var table = new StockItemTable(source, TestFlusher.For(source));
        var grainId = GrainKeys.StockItem("t1", "sku-stale", "w1");
        var stock = new StockItemState { OnHand = 5 };
        Append(stock, "r1", LedgerEntryType.Receipt, 5, null);
        var state = new GrainState<StockItemState>(stock);
        await table.WriteAsync("stock", grainId, state);
        stock.MarkWritten();
        var staleEtag = state.ETag;

        stock.Reserved = 1;
        AddHold(stock, "h-new", new HoldRecord { Quantity = 1 });
        Append(stock, "h-new", LedgerEntryType.Hold, 1, null);
        await table.WriteAsync("stock", grainId, state);

        // An older activation, read before the write above, tries to write its own seq 2.
        var stale = new StockItemState { OnHand = 5, Reserved = 2, LastSeq = 1 };
        Append(stale, "h-stale", LedgerEntryType.Hold, 2, null);
        AddHold(stale, "h-stale", new HoldRecord { Quantity = 2 });
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            table.WriteAsync("stock", grainId, new GrainState<StockItemState>(stale) { ETag = staleEtag }));

        var read = new GrainState<StockItemState>(new StockItemState());
        await table.ReadAsync("stock", grainId, read);
        Assert.Equal((1L, 2L), (read.State!.Reserved, read.State.LastSeq));
        var ledger = await new PostgresStockHistory(source).ReadLedgerAsync(Key(grainId), 0, 10, 10);
        Assert.Equal(["r1", "h-new"], ledger.Items.Select(e => e.MovementId));
        Assert.Equal(["h-new"], read.State.Holds.Keys);
    }

    [Theory]
    [InlineData("hold")]
    [InlineData("tombstone")]
    [InlineData("receipt")]
    public async Task A_write_that_reuses_a_stored_id_is_refused_as_a_replay_and_changes_nothing(string reuse)
    {
        await using var source = NpgsqlDataSource.Create(database.ConnectionString);
        var table = new StockItemTable(source, TestFlusher.For(source));
        var grainId = GrainKeys.StockItem("t1", "sku-replay-" + reuse, "w1");
        var stock = new StockItemState { OnHand = 10, Reserved = 2 };
        var state = new GrainState<StockItemState>(stock);
        Append(stock, "r1", LedgerEntryType.Receipt, 10, null);
        Append(stock, "h1", LedgerEntryType.Hold, 2, null);
        AddHold(stock, "h1", new HoldRecord { Quantity = 2 });
        AddHold(stock, "gone", new HoldRecord { Quantity = 0, Status = HoldStatus.Released });
        await table.WriteAsync("stock", grainId, state);
        var etag = state.ETag;

        // A fresh activation knows none of the ids above; its batch reuses one of them next to an innocent change.
        var fresh = new GrainState<StockItemState>(new StockItemState());
        await table.ReadAsync("stock", grainId, fresh);
        var again = fresh.State!;
        again.OnHand += 1;
        Append(again, "r-innocent", LedgerEntryType.Receipt, 1, null);
        switch (reuse)
        {
            case "hold":
                again.Reserved += 2;
                Append(again, "h1", LedgerEntryType.Hold, 2, null);
                AddHold(again, "h1", new HoldRecord { Quantity = 2 });
                break;
            case "tombstone":
                AddHold(again, "gone", new HoldRecord { Quantity = 0, Status = HoldStatus.Released });
                break;
            default:
                again.OnHand += 10;
                Append(again, "r1", LedgerEntryType.Receipt, 10, null);
                break;
        }

        await table.WriteAsync("stock", grainId, fresh);

        Assert.True(again.Unwritten().ReplayRefused);
        Assert.Equal(etag, fresh.ETag);
        var read = new GrainState<StockItemState>(new StockItemState());
        await table.ReadAsync("stock", grainId, read);
        Assert.Equal((10L, 2L, 2L, etag), (read.State!.OnHand, read.State.Reserved, read.State.LastSeq, read.ETag));
        Assert.Equal(2L, await database.ScalarAsync<long>(
            "SELECT count(*) FROM qm_stock_ledger WHERE tenant_id = 't1' AND sku = $1", "sku-replay-" + reuse));
        var stored = await new PostgresStockHistory(source).FindAsync(Key(grainId),
            [new MovementKey(LedgerEntryType.Receipt, "r1"), new MovementKey(LedgerEntryType.Receipt, "r-innocent")], ["h1", "gone"]);
        Assert.Equal(["r1"], stored.Movements.Select(e => e.MovementId));
        Assert.Equal(["gone", "h1"], stored.Holds.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_holds_migration_moves_every_hold_of_the_old_jsonb_column_into_rows()
    {
        var connectionString = await fresh.CreateAsync();
        await using var source = NpgsqlDataSource.Create(connectionString);
        var scripts = EmbeddedScripts.Load();
        foreach (var script in scripts.Where(s => s.Version <= 3))
        {
            await ExecuteAsync(source, script.Sql);
        }

        await ExecuteAsync(source, """
            INSERT INTO qm_stock_items (tenant_id, sku, warehouse_id, on_hand, reserved, last_seq, version, holds)
            VALUES ('t1', 's1', 'w1', 10, 4, 0, 1,
                '{"h1": {"Quantity": 4, "ExpiresAt": "2026-11-23T12:15:00+00:00", "Status": "Active", "Ref": "o9"},
                  "h2": {"Quantity": 0, "ExpiresAt": null, "Status": "Released", "Ref": null}}')
            """);

        await ExecuteAsync(source, scripts.Single(s => s.Version == 4).Sql);

        await using var command = source.CreateCommand(
            "SELECT hold_id || ':' || quantity || ':' || coalesce(to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), '-') || ':' || status || ':' || coalesce(ref, '-') FROM qm_stock_holds ORDER BY hold_id");
        var rows = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0));
            }
        }

        Assert.Equal(["h1:4:2026-11-23 12:15:active:o9", "h2:0:-:released:-"], rows);
        await using var column = source.CreateCommand(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'qm_stock_items' AND column_name = 'holds'");
        Assert.Equal(0L, (long)(await column.ExecuteScalarAsync())!);
    }

    private static void AddHold(StockItemState state, string holdId, HoldRecord hold)
    {
        if (hold.Status == HoldStatus.Active)
        {
            state.Holds[holdId] = hold;
        }

        state.Unwritten().Holds[holdId] = hold;
        state.Unwritten().NewHoldIds.Add(holdId);
    }

    /// <summary>Appends to the unwritten ledger tail with the state's levels as they are now.</summary>
    private static void Append(StockItemState state, string movementId, LedgerEntryType type, long quantity, string? reference)
    {
        state.LastSeq++;
        state.Unwritten().Ledger.Add(new LedgerEntry(state.LastSeq, movementId, type, quantity, state.OnHand, state.Reserved, At, null, reference));
    }

    private static StockItemKey Key(string grainId) => GrainKeys.ParseStockItem(grainId);

    private static async Task ExecuteAsync(NpgsqlDataSource source, string sql)
    {
        await using var command = source.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
