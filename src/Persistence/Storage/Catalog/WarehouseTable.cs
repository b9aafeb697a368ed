using Npgsql;
using Quartermaster.Grains.Abstractions.Catalog;
using Quartermaster.Grains.Catalog;
using Quartermaster.Persistence.Storage.GroupCommit;

namespace Quartermaster.Persistence.Storage.Catalog;

/// <summary>
/// A tenant's warehouses as rows of qm_warehouses: read all at activation (a tenant has a bounded few), and each write
/// stores only the warehouse the grain changed (<see cref="CatalogState.Unwritten"/>), conditional on that row's
/// previous version, through the silo's group commit.
/// </summary>
internal sealed class WarehouseTable(NpgsqlDataSource database, WriteFlusher flusher) : IStateTable<CatalogState>
{
    public async Task ReadAsync(string grainType, string grainId, IGrainState<CatalogState> state)
    {
        await using var command = database.CreateCommand(
            "SELECT warehouse_id, name, created_at, updated_at, version FROM qm_warehouses WHERE tenant_id = $1");
        command.Parameters.AddWithValue(grainId);
        await using var reader = await command.ExecuteReaderAsync();
        var read = new CatalogState();
        while (await reader.ReadAsync())
        {
            var warehouse = new Warehouse(reader.GetString(0), reader.GetString(1),
                reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetInt64(4));
            read.Warehouses[warehouse.WarehouseId] = warehouse;
        }

        state.State = read;
        state.RecordExists = read.Warehouses.Count > 0;
    }

    public async Task WriteAsync(string grainType, string grainId, IGrainState<CatalogState> state)
    {
        // A write that names no warehouse would be acknowledged having stored nothing.
        var warehouseId = state.State?.Unwritten
            ?? throw new InvalidOperationException($"The warehouses of {grainId} were written without naming the one that changed.");

        var warehouse = state.State.Warehouses[warehouseId];
        var command = new NpgsqlBatchCommand(warehouse.Version == 1
            ? """
              INSERT INTO qm_warehouses (tenant_id, warehouse_id, version, name, created_at, updated_at)
              VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING
              """
            : """
              UPDATE qm_warehouses SET version = $3, name = $4, created_at = $5, updated_at = $6
              WHERE tenant_id = $1 AND warehouse_id = $2 AND version = $3 - 1
              """);
        command.Parameters.AddWithValue(grainId);
        command.Parameters.AddWithValue(warehouseId);
        command.Parameters.AddWithValue(warehouse.Version);
        command.Parameters.AddWithValue(warehouse.Name);
        command.Parameters.AddWithValue(warehouse.CreatedAt.ToUniversalTime());
        command.Parameters.AddWithValue(warehouse.UpdatedAt.ToUniversalTime());
        await flusher.WriteAsync(new StateWrite(command));
        if (command.Rows != 1)
        {
            throw StaleWrite.For(grainType, $"{grainId}/{warehouseId}", StateVersion.Format(warehouse.Version - 1));
        }

        state.RecordExists = true;
    }

    /// <summary>Warehouses are never deleted.</summary>
    public Task ClearAsync(string grainType, string grainId, IGrainState<CatalogState> state) =>
        throw new NotSupportedException("Warehouses are never cleared.");
}
