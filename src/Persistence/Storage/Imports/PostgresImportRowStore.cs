using Npgsql;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Imports;
using Quartermaster.Grains.Imports;

namespace Quartermaster.Persistence.Storage.Imports;

/// <summary>An import's chunks as rows of qm_import_chunks, written straight (not through the group commit): a chunk is a few hundred rows, written once.</summary>
internal sealed class PostgresImportRowStore(NpgsqlDataSource database, StorageFailures failures) : IImportRowStore
{
    public Task WriteAsync(string tenantId, string importId, int chunk, IReadOnlyList<ImportRow> rows) =>
        failures.Guard(async () =>
        {
            await using var command = database.CreateCommand("""
                INSERT INTO qm_import_chunks (tenant_id, import_id, chunk, rows) VALUES ($1, $2, $3, $4::jsonb)
                ON CONFLICT (tenant_id, import_id, chunk) DO UPDATE SET rows = EXCLUDED.rows
                """);
            command.Parameters.AddWithValue(tenantId);
            command.Parameters.AddWithValue(importId);
            command.Parameters.AddWithValue(chunk);
            command.Parameters.AddWithValue(StateJson.Serialize(rows));
            await command.ExecuteNonQueryAsync();
        });

    public Task<IReadOnlyList<ImportRow>?> ReadAsync(string tenantId, string importId, int chunk) =>
        failures.Guard(async () =>
        {
            await using var command = database.CreateCommand(
                "SELECT rows::text FROM qm_import_chunks WHERE tenant_id = $1 AND import_id = $2 AND chunk = $3");
            command.Parameters.AddWithValue(tenantId);
            command.Parameters.AddWithValue(importId);
            command.Parameters.AddWithValue(chunk);
            return await command.ExecuteScalarAsync() is string json ? (IReadOnlyList<ImportRow>?)StateJson.Deserialize<List<ImportRow>>(json) : null;
        });

    public Task DeleteAsync(string tenantId, string importId) =>
        failures.Guard(async () =>
        {
            await using var command = database.CreateCommand("DELETE FROM qm_import_chunks WHERE tenant_id = $1 AND import_id = $2");
            command.Parameters.AddWithValue(tenantId);
            command.Parameters.AddWithValue(importId);
            await command.ExecuteNonQueryAsync();
        });

    /// <summary>Both key columns are COLLATE "C", so the row comparison orders them as the ordinal comparison does.</summary>
    public Task<IReadOnlyList<ImportWithRows>> ImportsWithRowsAsync(ImportKey? after, int limit) =>
        failures.Guard(async () =>
        {
            await using var command = database.CreateCommand("""
                SELECT tenant_id, import_id, max(created_at) FROM qm_import_chunks
                WHERE (tenant_id, import_id) > ($1, $2)
                GROUP BY tenant_id, import_id
                ORDER BY tenant_id, import_id
                LIMIT $3
                """);
            command.Parameters.AddWithValue(after?.TenantId ?? "");
            command.Parameters.AddWithValue(after?.ImportId ?? "");
            command.Parameters.AddWithValue(limit);
            var imports = new List<ImportWithRows>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                imports.Add(new ImportWithRows(new ImportKey(reader.GetString(0), reader.GetString(1)), reader.GetFieldValue<DateTimeOffset>(2)));
            }

            return (IReadOnlyList<ImportWithRows>)imports;
        });
}
