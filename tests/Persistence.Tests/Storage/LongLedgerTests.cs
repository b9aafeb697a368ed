using System.Diagnostics;
using Npgsql;
using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Stock;
using Xunit.Abstractions;

namespace Quartermaster.Persistence.Tests.Storage;

/// <summary>
/// A stock item on PostgreSQL with a million ledger entries and 100,000 ended holds: it activates without
/// reading them, its movements and audit come from the database, and replays of ids it never saw in this
/// activation are answered as replays (the write refuses them; the grain resolves which commands they were).
/// </summary>
public sealed class LongLedgerTests(DurableSilo silo, ITestOutputHelper output) : IClassFixture<DurableSilo>
{
    private const long Entries = 1_000_000;
    private const string Tenant = "t-long";
    private const long SeedBatch = 100_000;

    [Fact]
    public async Task An_item_with_a_long_ledger_activates_without_reading_it_and_still_knows_its_ids()
    {
        await silo.PutCatalogAsync(Tenant, "w1", "sku-long", "sku-warm");
        // A million one-unit receipts and 100,000 revoked holds (tombstones), written straight into the tables, in
        // transactions of 100,000 rows: PostgreSQL lists an event only once every transaction older than it has
        // ended, on the whole server, so one long seeding transaction would hold back the event tests running beside.
        await using (var connection = new NpgsqlConnection(silo.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await SeedAsync(connection, $"""
                INSERT INTO qm_stock_items (tenant_id, sku, warehouse_id, on_hand, reserved, last_seq, version)
                VALUES ('{Tenant}', 'sku-long', 'w1', {Entries}, 0, {Entries}, 1)
                """);
            for (var first = 1L; first <= Entries; first += SeedBatch)
            {
                await SeedAsync(connection, $"""
                    INSERT INTO qm_stock_ledger (tenant_id, sku, warehouse_id, seq, movement_id, entry_type, quantity, on_hand_after, reserved_after, at)
                    SELECT '{Tenant}', 'sku-long', 'w1', s, 'r-' || s, 'receipt', 1, s, 0, now() FROM generate_series({first}, {first + SeedBatch - 1}) AS s
                    """);
            }

            await SeedAsync(connection, $"""
                INSERT INTO qm_stock_holds (tenant_id, sku, warehouse_id, hold_id, quantity, status)
                SELECT '{Tenant}', 'sku-long', 'w1', 'h-' || s, 0, 'released' FROM generate_series(1, {SeedBatch}) AS s
                """);
            await SeedAsync(connection, "ANALYZE qm_stock_ledger");
            await SeedAsync(connection, "ANALYZE qm_stock_holds");
        }

        var item = silo.Grains.GetGrain<IStockItemGrain>(GrainKeys.StockItem(Tenant, "sku-long", "w1"));
        var activations = new List<TimeSpan>();
        StockLevels levels = null!;
        for (var i = 0; i < 3; i++)
        {
            // Every activation is dropped; another item is activated first, so the catalog is loaded and the
            // connection pool and code paths are warm: what is timed is the long item's activation and read.
            await silo.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
            await silo.Grains.GetGrain<IStockItemGrain>(GrainKeys.StockItem(Tenant, "sku-warm", "w1")).Get();
            var clock = Stopwatch.StartNew();
            levels = (await item.Get()).Value!;
            activations.Add(clock.Elapsed);
        }

        output.WriteLine($"activation and first read: {string.Join(", ", activations.Select(a => $"{a.TotalMilliseconds:F1} ms"))}");
        Assert.Equal((Entries, 0L, Entries), (levels.OnHand, levels.Reserved, levels.Version));
        // The best of three, so that a busy machine's scheduling does not decide; reading the ledger alone
        // would take seconds.
        Assert.True(activations.Min() < TimeSpan.FromMilliseconds(50), $"Activations took {string.Join(", ", activations.Select(a => a.TotalMilliseconds))} ms.");

        var tail = (await item.Ledger(Entries - 3, 2)).Value!;
        Assert.Equal([Entries - 2, Entries - 1], tail.Items.Select(e => e.Seq));
        Assert.Equal((Entries - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), tail.NextAfter);

        // Ids from long ago, unknown to this activation: a revoked hold and a receipt.
        Assert.Equal(HoldStatus.Released, (await item.RevokeHold("h-7")).Value!.Status);
        var replays = new[]
        {
            item.PlaceHold(new HoldRequest("h-70", 1, null, null)),
            item.PlaceHold(new HoldRequest("h-new-1", 2, null, null)),
            item.PlaceHold(new HoldRequest("h-new-2", 3, null, null)),
        };
        var receipt = item.Apply(new Movement("r-5", LedgerEntryType.Receipt, 1, null, null));
        var otherReceipt = item.Apply(new Movement("r-6", LedgerEntryType.Receipt, 2, null, null));
        var newReceipt = item.Apply(new Movement("r-new", LedgerEntryType.Receipt, 10, null, null));
        var holds = await Task.WhenAll(replays);
        var receipts = await Task.WhenAll(receipt, otherReceipt, newReceipt);

        Assert.Equal(FailureCode.Conflict, holds[0].Failure?.Code);
        Assert.Equal(HoldStatus.Active, holds[1].Value!.Status);
        Assert.Equal(HoldStatus.Active, holds[2].Value!.Status);
        Assert.Null(receipts[0].Failure);
        Assert.Equal(FailureCode.Conflict, receipts[1].Failure?.Code);
        Assert.Null(receipts[2].Failure);
        var after = (await item.Get()).Value!;
        Assert.Equal((Entries + 10, 5L, Entries + 3), (after.OnHand, after.Reserved, after.Version));
        Assert.Equal(1L, await silo.Database.ScalarAsync<long>(
            "SELECT count(*) FROM qm_stock_ledger WHERE tenant_id = $1 AND movement_id = 'r-5'", Tenant));
        Assert.Equal(0L, await silo.Database.ScalarAsync<long>(
            "SELECT count(*) FROM qm_stock_ledger WHERE tenant_id = $1 AND movement_id IN ('h-7', 'h-70')", Tenant));

        // The audit replays the whole ledger from the database.
        var audit = (await item.Audit()).Value!;
        Assert.Empty(audit.Violations);
        Assert.Equal(after, audit.Levels);
        Assert.Equal(["h-new-1", "h-new-2"], audit.ActiveHolds.Select(h => h.HoldId).Order(StringComparer.Ordinal));
    }

    /// <summary>Setup, not the measurement: on a busy machine a big insert can outlast the default timeout.</summary>
    private static async Task SeedAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }
}
