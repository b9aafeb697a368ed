using Npgsql;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Imports;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Abstractions.Tenants;
using Quartermaster.Grains.Imports;
using Quartermaster.Persistence.Hosting;
using Quartermaster.Persistence.Storage;
using Quartermaster.Persistence.Storage.GroupCommit;
using Quartermaster.Persistence.Storage.Imports;
using Quartermaster.Persistence.Tests.Infrastructure;

namespace Quartermaster.Persistence.Tests.Storage;

/// <summary>
/// An import whose silo died: its state says which chunks were recorded as done, its rows wait in qm_import_chunks.
/// The crash point is set up exactly (a chunk recorded, the next one half applied), then a silo activates the import.
/// </summary>
public sealed class ImportResumeTests(DurableSilo silo) : IClassFixture<DurableSilo>
{
    [Fact]
    public async Task An_import_interrupted_inside_a_chunk_resumes_there_and_applies_every_row_exactly_once()
    {
        var tenant = $"t-{Guid.NewGuid():N}";
        Assert.Null((await silo.Grains.GetGrain<ITenantGrain>(tenant).Create("Imports", TenantSettings.Default)).Failure);
        await silo.PutCatalogAsync(tenant, "w", "p1", "p2", "p3", "p4");

        var chunks = Enumerable.Range(0, 3)
            .Select(c => Enumerable.Range(0, IImportGrain.ChunkRows)
                .Select(i => c * IImportGrain.ChunkRows + i)
                .Select(n => new ImportRow(n + 2, Sku: $"p{n % 4 + 1}", WarehouseId: "w", MovementId: $"rcv-{n}", Quantity: n % 5 + 1))
                .ToList())
            .ToList();
        await using var source = PostgresDataSource.Create(silo.Database.ConnectionString);
        var store = new PostgresImportRowStore(source, StorageFailures.WithoutBreaker);
        const string importId = "imp_resume";
        for (var c = 0; c < chunks.Count; c++)
        {
            await store.WriteAsync(tenant, importId, c, chunks[c]);
        }

        // What the dead silo did: chunk 0 applied and recorded, chunk 1 applied up to its 200th row, not recorded.
        foreach (var row in chunks[0].Concat(chunks[1].Take(200)))
        {
            var applied = await silo.Grains.GetGrain<IStockItemGrain>(GrainKeys.StockItem(tenant, row.Sku!, "w"))
                .ApplyIfNew(new Movement(row.MovementId!, LedgerEntryType.Receipt, row.Quantity!.Value, null, null));
            Assert.True(applied.Value);
        }

        var import = silo.Grains.GetGrain<IImportGrain>(GrainKeys.Import(tenant, importId));
        var table = new GenericStateTable(source, TestFlusher.For(source));
        await table.WriteAsync($"{import.GetGrainId().Type}/import", GrainKeys.Import(tenant, importId), new GrainState<ImportState>(new ImportState
        {
            Kind = ImportKind.Receipts,
            Status = ImportStatus.Running,
            MaxWarehouses = 10,
            Chunks = 3,
            NextChunk = 1,
            RowsTotal = 1_500,
            RowsApplied = 500,
            StartedAt = DateTimeOffset.UtcNow,
        }));

        var finished = await Eventually.ReturnsAsync(() => import.Get(), v => v?.Status is ImportStatus.Succeeded, TimeSpan.FromSeconds(30), "the import finished");
        Assert.Equal((1_500L, 1_300L, 200L, 0L), (finished!.RowsTotal, finished.RowsApplied, finished.RowsSkipped, finished.RowsFailed));

        var all = chunks.SelectMany(c => c).ToList();
        Assert.Equal(all.Count, await silo.Database.ScalarAsync<long>("SELECT count(*) FROM qm_stock_ledger WHERE tenant_id = $1", tenant));
        Assert.Equal(all.Count, await silo.Database.ScalarAsync<long>("SELECT count(DISTINCT movement_id) FROM qm_stock_ledger WHERE tenant_id = $1", tenant));
        Assert.Equal(all.Sum(r => r.Quantity!.Value), await silo.Database.ScalarAsync<long>("SELECT sum(on_hand)::bigint FROM qm_stock_items WHERE tenant_id = $1", tenant));
        Assert.Equal(0L, await silo.Database.ScalarAsync<long>("SELECT count(*) FROM qm_import_chunks WHERE tenant_id = $1", tenant));
        Assert.Equal(1L, await silo.Database.ScalarAsync<long>("SELECT count(*) FROM qm_events WHERE tenant_id = $1 AND event_type = 'import.finished'", tenant));
    }
}
