using Npgsql;

namespace Quartermaster.Persistence.Migrations;

/// <summary>
/// The `schema_migrations` table (one row per applied script) and the advisory lock that serialises
/// migration runs. The lock is transaction-scoped, so it is released by commit, rollback or a lost
/// connection and never outlives the run that took it.
/// </summary>
internal static class MigrationHistory
{
    /// <summary>Any fixed 64-bit number that no other code in this database locks on ("QMMIGRAT").</summary>
    public const long LockKey = 0x514D_4D49_4752_4154;

    public sealed record Row(int Version, string Name, string Checksum);

    public static async Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction)
        {
            CommandTimeout = 0,
        };
        command.Parameters.AddWithValue(LockKey);
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task EnsureTableAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version     integer     PRIMARY KEY,
                name        text        NOT NULL,
                checksum    text        NOT NULL,
                applied_at  timestamptz NOT NULL DEFAULT now()
            )
            """,
            connection,
            transaction);
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task<IReadOnlyDictionary<int, Row>> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT version, name, checksum FROM schema_migrations ORDER BY version", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new Dictionary<int, Row>();
        while (await reader.ReadAsync(ct))
        {
            var row = new Row(reader.GetInt32(0), reader.GetString(1), reader.GetString(2));
            rows[row.Version] = row;
        }

        return rows;
    }

    public static async Task RecordAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, MigrationScript script, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", connection, transaction);
        command.Parameters.AddWithValue(script.Version);
        command.Parameters.AddWithValue(script.Name);
        command.Parameters.AddWithValue(script.Checksum);
        await command.ExecuteNonQueryAsync(ct);
    }
}
