using Orleans.Runtime;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Imports;
using Quartermaster.Grains.Abstractions.Tenants;
using Quartermaster.Persistence.Tests.Infrastructure;

namespace Quartermaster.Persistence.Tests.Storage;

/// <summary>An import's chunks in qm_import_chunks: a chunk that cannot be read is tried again, and a file that never finished arriving leaves none behind.</summary>
public sealed class ImportChunkTests(DurableSilo silo) : IClassFixture<DurableSilo>
{
    [Fact]
    public async Task A_chunk_that_fails_is_tried_again_until_it_goes_through_and_nothing_is_applied_twice()
    {
        var tenant = await TenantWithCatalogAsync();
        var import = Import(tenant, "imp_retry");
        await import.Begin(ImportKind.Receipts, maxWarehouses: 10);
        await import.Append(Receipts(0, IImportGrain.ChunkRows), []);
        await import.Append(Receipts(IImportGrain.ChunkRows, 100), []);
        var good = await silo.Database.ScalarAsync<string>(
            "UPDATE qm_import_chunks SET rows = '\"not rows\"'::jsonb WHERE tenant_id = $1 AND chunk = 1 RETURNING (SELECT rows::text FROM qm_import_chunks WHERE tenant_id = $1 AND chunk = 1)", tenant);

        await import.Start(IImportGrain.ChunkRows + 100);
        var stuck = await Eventually.ReturnsAsync(() => import.Get(), v => v?.RowsApplied == IImportGrain.ChunkRows, TimeSpan.FromSeconds(30), "the first chunk applied");
        Assert.Equal(ImportStatus.Running, stuck!.Status);
        Assert.Equal(IImportGrain.ChunkRows, await LedgerRowsAsync(tenant));

        await silo.Database.ScalarAsync<int>("UPDATE qm_import_chunks SET rows = $2::jsonb WHERE tenant_id = $1 AND chunk = 1 RETURNING 1", tenant, good);
        var finished = await Eventually.ReturnsAsync(() => import.Get(), v => v?.Status is ImportStatus.Succeeded, TimeSpan.FromSeconds(30), "the import finished");
        Assert.Equal((IImportGrain.ChunkRows + 100L, 0L, 0L), (finished!.RowsApplied, finished.RowsSkipped, finished.RowsFailed));
        Assert.Equal(IImportGrain.ChunkRows + 100, await LedgerRowsAsync(tenant));
    }

    [Fact]
    public async Task An_import_whose_file_never_finished_arriving_deletes_its_chunks_when_it_is_collected()
    {
        var tenant = await TenantWithCatalogAsync();
        var import = Import(tenant, "imp_unfinished");
        await import.Begin(ImportKind.Receipts, maxWarehouses: 10);
        await import.Append(Receipts(0, IImportGrain.ChunkRows), []);
        await import.Append(Receipts(IImportGrain.ChunkRows, 10), []);
        Assert.Equal(2L, await silo.Database.ScalarAsync<long>("SELECT count(*) FROM qm_import_chunks WHERE tenant_id = $1", tenant));

        // The frontend that was receiving the file died: nothing calls the import again, and idle activations are collected.
        await silo.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        await Eventually.ReturnsAsync(() => silo.Database.ScalarAsync<long>("SELECT count(*) FROM qm_import_chunks WHERE tenant_id = $1", tenant),
            count => count == 0, TimeSpan.FromSeconds(30), "the chunks deleted");
        Assert.Null(await import.Get());
        Assert.Equal(0, await LedgerRowsAsync(tenant));
    }

    private async Task<string> TenantWithCatalogAsync()
    {
        var tenant = $"t-{Guid.NewGuid():N}";
        Assert.Null((await silo.Grains.GetGrain<ITenantGrain>(tenant).Create("Imports", TenantSettings.Default)).Failure);
        await silo.PutCatalogAsync(tenant, "w", "p");
        return tenant;
    }

    private static List<ImportRow> Receipts(int first, int count) =>
        Enumerable.Range(first, count).Select(n => new ImportRow(n + 2, Sku: "p", WarehouseId: "w", MovementId: $"rcv-{n}", Quantity: 1)).ToList();

    private async Task<int> LedgerRowsAsync(string tenant) =>
        (int)await silo.Database.ScalarAsync<long>("SELECT count(*) FROM qm_stock_ledger WHERE tenant_id = $1", tenant);

    private IImportGrain Import(string tenant, string importId) => silo.Grains.GetGrain<IImportGrain>(GrainKeys.Import(tenant, importId));
}
