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
    public async Task A_write_stores_only_the_changed_holds_and_a_read_returns_them_all()
    {
        await using var source = NpgsqlDataSource.Create(database.ConnectionString);
        var table = new StockItemTable(source, TestFlusher.For(source));
        var grainId = GrainKeys.StockItem("t1", "sku-1", "w1");
        var stock = new StockItemState { OnHand = 10, Reserved = 5 };
        var state = new GrainState<StockItemState>(stock);
        stock.Ledger.Add(new LedgerEntry(1, "r1", LedgerEntryType.Receipt, 10, 10, 0, At, null, null));
        stock.Ledger.Add(new LedgerEntry(2, "h1", LedgerEntryType.Hold, 2, 10, 2, At, null, "o1"));
        stock.Ledger.Add(new LedgerEntry(3, "h2", LedgerEntryType.Hold, 3, 10, 5, At, null, null));
        AddHold(stock, "h1", new HoldRecord { Quantity = 2, ExpiresAt = At.AddMinutes(15), Ref = "o1" });
        AddHold(stock, "h2", new HoldRecord { Quantity = 3 });

        await table.WriteAsync("stock", grainId, state);

        Assert.Empty(stock.ChangedHolds);
        stock.Holds["h1"].Status = HoldStatus.Committed;
        stock.OnHand = 8;
        stock.Reserved = 3;
        stock.Ledger.Add(new LedgerEntry(4, "h1", LedgerEntryType.Commit, 2, 8, 3, At, null, "o1"));
        stock.ChangedHolds.Add("h1");
        // A change nobody marked is not written: proof that the write touches only the marked holds.
        stock.Holds["h2"].Status = HoldStatus.Expired;
        await table.WriteAsync("stock", grainId, state);

        var read = new GrainState<StockItemState>(new StockItemState());
        await table.ReadAsync("stock", grainId, read);
        var stored = read.State!;
        Assert.Equal((8L, 3L, 4), (stored.OnHand, stored.Reserved, stored.Ledger.Count));
        Assert.Equal(["h1", "h2"], stored.Holds.Keys.Order(StringComparer.Ordinal));
        var h1 = stored.Holds["h1"];
        Assert.Equal((2L, HoldStatus.Committed, "o1", At.AddMinutes(15)), (h1.Quantity, h1.Status, h1.Ref, h1.ExpiresAt));
        var h2 = stored.Holds["h2"];
        Assert.Equal((3L, HoldStatus.Active, (string?)null, (DateTimeOffset?)null), (h2.Quantity, h2.Status, h2.Ref, h2.ExpiresAt));
        Assert.Equal(state.ETag, read.ETag);
    }

    [Fact]
    public async Task A_write_from_a_stale_read_is_refused_and_leaves_nothing_behind()
    {
        await using var source = NpgsqlDataSource.Create(database.ConnectionString);
        var table = new StockItemTable(source, TestFlusher.For(source));
        var grainId = GrainKeys.StockItem("t1", "sku-stale", "w1");
        var stock = new StockItemState { OnHand = 5 };
        stock.Ledger.Add(new LedgerEntry(1, "r1", LedgerEntryType.Receipt, 5, 5, 0, At, null, null));
        var state = new GrainState<StockItemState>(stock);
        await table.WriteAsync("stock", grainId, state);
        var staleEtag = state.ETag;

        stock.Reserved = 1;
        AddHold(stock, "h-new", new HoldRecord { Quantity = 1 });
        stock.Ledger.Add(new LedgerEntry(2, "h-new", LedgerEntryType.Hold, 1, 5, 1, At, null, null));
        await table.WriteAsync("stock", grainId, state);

        // An older activation, read before the write above, tries to write its own seq 2.
        var stale = new StockItemState { OnHand = 5, Reserved = 2 };
        stale.Ledger.Add(new LedgerEntry(1, "r1", LedgerEntryType.Receipt, 5, 5, 0, At, null, null));
        stale.Ledger.Add(new LedgerEntry(2, "h-stale", LedgerEntryType.Hold, 2, 5, 2, At, null, null));
        AddHold(stale, "h-stale", new HoldRecord { Quantity = 2 });
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            table.WriteAsync("stock", grainId, new GrainState<StockItemState>(stale) { ETag = staleEtag }));

        var read = new GrainState<StockItemState>(new StockItemState());
        await table.ReadAsync("stock", grainId, read);
        Assert.Equal((1L, 2), (read.State!.Reserved, read.State.Ledger.Count));
        Assert.Equal("h-new", read.State.Ledger[1].MovementId);
        Assert.Equal(["h-new"], read.State.Holds.Keys);
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
        state.Holds[holdId] = hold;
        state.ChangedHolds.Add(holdId);
    }

    private static async Task ExecuteAsync(NpgsqlDataSource source, string sql)
    {
        await using var command = source.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
