using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Quartermaster.Persistence.Migrations;

/// <summary>
/// Brings a PostgreSQL database to this build's schema: applies each embedded script whose version is
/// not yet in `schema_migrations`, in version order, each in its own transaction together with its row
/// there. Runs hold an advisory lock per transaction, so concurrent runs (two pods starting the migration
/// Job) apply every script exactly once. Refuses to go on if an applied script's text has changed.
/// </summary>
public static class Migrator
{
    public static Task<MigrationReport> MigrateAsync(string connectionString, ILogger logger, CancellationToken ct) =>
        MigrateAsync(connectionString, EmbeddedScripts.Load(), logger, ct);

    internal static async Task<MigrationReport> MigrateAsync(
        string connectionString, IReadOnlyList<MigrationScript> scripts, ILogger logger, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);

        var recorded = await ReadHistoryAsync(connection, ct);
        MigrationChecks.EnsureUnchanged(scripts, recorded.Values);
        foreach (var unknown in recorded.Values.Where(row => scripts.All(script => script.Version != row.Version)))
        {
            logger.UnknownVersion(unknown.Version, unknown.Name);
        }

        var applied = new List<MigrationScript>();
        var alreadyApplied = new List<MigrationScript>();
        foreach (var script in scripts.OrderBy(script => script.Version))
        {
            var appliedNow = !recorded.ContainsKey(script.Version) && await ApplyAsync(connection, script, logger, ct);
            (appliedNow ? applied : alreadyApplied).Add(script);
        }

        if (applied.Count == 0)
        {
            logger.UpToDate(alreadyApplied.Count);
        }

        return new MigrationReport(applied, alreadyApplied);
    }

    private static async Task<IReadOnlyDictionary<int, MigrationHistory.Row>> ReadHistoryAsync(
        NpgsqlConnection connection, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await MigrationHistory.LockAsync(connection, transaction, ct);
        await MigrationHistory.EnsureTableAsync(connection, transaction, ct);
        var rows = await MigrationHistory.ReadAsync(connection, transaction, ct);
        await transaction.CommitAsync(ct);
        return rows;
    }

    /// <returns>false when another run applied the script while this one waited for the lock.</returns>
    private static async Task<bool> ApplyAsync(
        NpgsqlConnection connection, MigrationScript script, ILogger logger, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await MigrationHistory.LockAsync(connection, transaction, ct);
        var recorded = await MigrationHistory.ReadAsync(connection, transaction, ct);
        if (recorded.ContainsKey(script.Version))
        {
            MigrationChecks.EnsureUnchanged([script], recorded.Values);
            logger.AppliedElsewhere(script.Version, script.Name);
            return false;
        }

        var stopwatch = Stopwatch.StartNew();
        try
        {
            await using var command = new NpgsqlCommand(script.Sql, connection, transaction) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync(ct);
            await MigrationHistory.RecordAsync(connection, transaction, script, ct);
            await transaction.CommitAsync(ct);
        }
        catch (PostgresException error)
        {
            throw new MigrationException(
                $"Migration {script.Version:D4}_{script.Name} failed and was rolled back: {error.MessageText}", error);
        }

        logger.Applied(script.Version, script.Name, stopwatch.ElapsedMilliseconds);
        return true;
    }
}
