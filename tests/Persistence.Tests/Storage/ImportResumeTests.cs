using Npgsql;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Imports;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Abstractions.Tenants;
using Quartermaster.Grains.Imports;
using Quartermaster.Persistence.Hosting;
using Quartermaster.Persistence.Storage;
using Quartermaster.Persistence.Tests.Infrastructure;

namespace Quartermaster.Persistence.Tests.Storage;

/// <summary>
/// An import whose silo died: its state says which chunks were recorded as done, its rows wait in qm_import_chunks.
/// The crash point is set up exactly (a chunk recorded, the next one half applied); then a call, or the order sweep
/// with nobody calling, activates the import on this silo.
/// </summary>
public sealed class ImportResumeTests(DurableSilo silo) : IClassFixture<DurableSilo>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_import_interrupted_inside_a_chunk_resumes_there_and_applies_every_row_exactly_once()
    {
        var (tenant, rows) = await CrashedInsideAChunkAsync("imp_resume");
        var import = silo.Grains.GetGrain<IImportGrain>(GrainKeys.Import(tenant, "imp_resume"));

        var finished = await Eventually.ReturnsAsync(() => import.Get(), v => v?.Status is ImportStatus.Succeeded, Patience, "the import finished");
        Assert.Equal((1_500L, 1_300L, 200L, 0L), (finished!.RowsTotal, finished.RowsApplied, finished.RowsSkipped, finished.RowsFailed));
        await AssertAppliedOnceAsync(tenant, rows);
    }

    [Fact]
    public async Task An_import_whose_silo_died_runs_again_with_nobody_asking()
    {
        var (tenant, rows) = await CrashedInsideAChunkAsync("imp_unasked");

        // Nothing here calls the import: only the sweep can wake it. Its finish is read from the database.
        await Eventually.ReturnsAsync(() => FinishedEventsAsync(tenant), count => count == 1, Patience, "import.finished written by the resumed import");
        await AssertAppliedOnceAsync(tenant, rows);
        var view = await silo.Grains.GetGrain<IImportGrain>(GrainKeys.Import(tenant, "imp_unasked")).Get();
        Assert.Equal((ImportStatus.Succeeded, 1_300L, 200L), (view!.Status, view.RowsApplied, view.RowsSkipped));
    }

    [Fact]
    public async Task Rows_nobody_will_apply_are_deleted_by_the_sweep_and_a_file_still_arriving_keeps_its_rows()
    {
        var tenant = await TenantAsync();
        var arriving = silo.Grains.GetGrain<IImportGrain>(GrainKeys.Import(tenant, "imp_arriving"));
        await arriving.Begin(ImportKind.Receipts, maxWarehouses: 10);
        await arriving.Append(Receipts(0, 10), []);
        // Rows of a file that never started, written moments ago, whose activation is not this silo's: they may still
        // be arriving somewhere, so they stay.
        await WriteChunksAsync(tenant, "imp_elsewhere", [Receipts(0, 10)]);
        // A file whose upload died with the silo receiving it: no import was ever started, and the rows stopped growing.
        await WriteChunksAsync(tenant, "imp_orphan", [Receipts(0, 10)], writtenAgo: IImportGrain.AbandonedAfter + TimeSpan.FromMinutes(1));
        // An import that recorded its finish, and whose silo died before it deleted its rows.
        await WriteStateAsync(tenant, "imp_done", new ImportState { Kind = ImportKind.Receipts, Status = ImportStatus.Succeeded, Chunks = 1, NextChunk = 1 });
        await WriteChunksAsync(tenant, "imp_done", [Receipts(0, 10)]);
        await Eventually.ReturnsAsync(() => ChunksAsync(tenant, "imp_orphan", "imp_done"), count => count == 0, Patience, "the left-behind rows deleted");

        // A sweep wakes a page of imports side by side and finishes them all before the next sweep: an orphan written
        // now is deleted by a later sweep than the one above, so every wake of that one has ended.
        await WriteChunksAsync(tenant, "imp_later", [Receipts(0, 10)], writtenAgo: IImportGrain.AbandonedAfter + TimeSpan.FromMinutes(1));
        await Eventually.ReturnsAsync(() => ChunksAsync(tenant, "imp_later"), count => count == 0, Patience, "a later sweep");
        Assert.Equal(1L, await ChunksAsync(tenant, "imp_arriving"));
        Assert.Equal(1L, await ChunksAsync(tenant, "imp_elsewhere"));
        Assert.Equal(0L, await silo.Database.ScalarAsync<long>("SELECT count(*) FROM qm_stock_ledger WHERE tenant_id = $1", tenant));
    }

    /// <summary>Three chunks of 500 receipts; the dead silo applied and recorded chunk 0 and applied chunk 1 up to its 200th row.</summary>
    private async Task<(string Tenant, List<ImportRow> Rows)> CrashedInsideAChunkAsync(string importId)
    {
        var tenant = await TenantAsync();
        var chunks = Enumerable.Range(0, 3)
            .Select(c => Enumerable.Range(0, IImportGrain.ChunkRows)
                .Select(i => c * IImportGrain.ChunkRows + i)
                .Select(n => new ImportRow(n + 2, Sku: $"p{n % 4 + 1}", WarehouseId: "w", MovementId: $"rcv-{n}", Quantity: n % 5 + 1))
                .ToList())
            .ToList();
        foreach (var row in chunks[0].Concat(chunks[1].Take(200)))
        {
            var applied = await silo.Grains.GetGrain<IStockItemGrain>(GrainKeys.StockItem(tenant, row.Sku!, "w"))
                .ApplyIfNew(new Movement(row.MovementId!, LedgerEntryType.Receipt, row.Quantity!.Value, null, null));
            Assert.True(applied.Value);
        }

        // The state first, then the rows: the sweep finds imports by their rows, so it never wakes this one half made.
        await WriteStateAsync(tenant, importId, new ImportState
        {
            Kind = ImportKind.Receipts,
            Status = ImportStatus.Running,
            MaxWarehouses = 10,
            Chunks = 3,
            NextChunk = 1,
            RowsTotal = 1_500,
            RowsApplied = 500,
            StartedAt = DateTimeOffset.UtcNow,
        });
        await WriteChunksAsync(tenant, importId, chunks);
        return (tenant, chunks.SelectMany(c => c).ToList());
    }

    private async Task AssertAppliedOnceAsync(string tenant, List<ImportRow> rows)
    {
        Assert.Equal(rows.Count, await silo.Database.ScalarAsync<long>("SELECT count(*) FROM qm_stock_ledger WHERE tenant_id = $1", tenant));
        Assert.Equal(rows.Count, await silo.Database.ScalarAsync<long>("SELECT count(DISTINCT movement_id) FROM qm_stock_ledger WHERE tenant_id = $1", tenant));
        Assert.Equal(rows.Sum(r => r.Quantity!.Value), await silo.Database.ScalarAsync<long>("SELECT sum(on_hand)::bigint FROM qm_stock_items WHERE tenant_id = $1", tenant));
        Assert.Equal(0L, await silo.Database.ScalarAsync<long>("SELECT count(*) FROM qm_import_chunks WHERE tenant_id = $1", tenant));
        Assert.Equal(1L, await FinishedEventsAsync(tenant));
    }

    private async Task<string> TenantAsync()
    {
        var tenant = $"t-{Guid.NewGuid():N}";
        Assert.Null((await silo.Grains.GetGrain<ITenantGrain>(tenant).Create("Imports", TenantSettings.Default)).Failure);
        await silo.PutCatalogAsync(tenant, "w", "p1", "p2", "p3", "p4");
        return tenant;
    }

    private async Task WriteStateAsync(string tenant, string importId, ImportState state)
    {
        await using var source = PostgresDataSource.Create(silo.Database.ConnectionString);
        var table = new GenericStateTable(source, TestFlusher.For(source));
        var grainType = silo.Grains.GetGrain<IImportGrain>(GrainKeys.Import(tenant, importId)).GetGrainId().Type;
        await table.WriteAsync($"{grainType}/import", GrainKeys.Import(tenant, importId), new GrainState<ImportState>(state));
    }

    /// <summary>Every chunk in one transaction, as the rows of a file that has wholly arrived, written now or <paramref name="writtenAgo"/>.</summary>
    private async Task WriteChunksAsync(string tenant, string importId, IReadOnlyList<List<ImportRow>> chunks, TimeSpan? writtenAgo = null)
    {
        await using var connection = new NpgsqlConnection(silo.Database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        for (var c = 0; c < chunks.Count; c++)
        {
            await using var insert = new NpgsqlCommand(
                "INSERT INTO qm_import_chunks (tenant_id, import_id, chunk, rows, created_at) VALUES ($1, $2, $3, $4::jsonb, now() - $5)", connection, transaction);
            insert.Parameters.AddWithValue(tenant);
            insert.Parameters.AddWithValue(importId);
            insert.Parameters.AddWithValue(c);
            insert.Parameters.AddWithValue(StateJson.Serialize(chunks[c]));
            insert.Parameters.AddWithValue(writtenAgo ?? TimeSpan.Zero);
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    private Task<long> ChunksAsync(string tenant, params string[] importIds) =>
        silo.Database.ScalarAsync<long>("SELECT count(*) FROM qm_import_chunks WHERE tenant_id = $1 AND import_id = ANY($2)", tenant, importIds);

    private Task<long> FinishedEventsAsync(string tenant) =>
        silo.Database.ScalarAsync<long>("SELECT count(*) FROM qm_events WHERE tenant_id = $1 AND event_type = 'import.finished'", tenant);

    private static List<ImportRow> Receipts(int first, int count) =>
        Enumerable.Range(first, count).Select(n => new ImportRow(n + 2, Sku: "p1", WarehouseId: "w", MovementId: $"rcv-{n}", Quantity: 1)).ToList();
}
