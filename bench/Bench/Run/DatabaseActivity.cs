using Npgsql;

namespace Quartermaster.Bench.Run;

/// <summary>
/// PostgreSQL's own count of the work done in the benchmark's database: committed transactions
/// (<c>pg_stat_database</c>) and executed statements other than transaction control (<c>pg_stat_statements</c>,
/// when the server preloads it; scripts/bench starts PostgreSQL so). Backends publish their counts at most once a
/// second and an idle one up to 10 s late, so a reading is only complete after the load has been quiet that long.
/// </summary>
internal sealed class DatabaseActivity(NpgsqlDataSource database, bool countsStatements) : IAsyncDisposable
{
    /// <summary>How long after a load the counters are certain to include it (PostgreSQL's idle flush interval plus a margin).</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(11);

    public bool CountsStatements => countsStatements;

    public static async Task<DatabaseActivity> OpenAsync(string postgres)
    {
        var database = NpgsqlDataSource.Create(postgres);
        try
        {
            await using var create = database.CreateCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            await create.ExecuteNonQueryAsync();
            await using var probe = database.CreateCommand("SELECT count(*) FROM pg_stat_statements");
            await probe.ExecuteScalarAsync();
            return new DatabaseActivity(database, countsStatements: true);
        }
        catch (PostgresException)
        {
            // Not preloaded by this server: commits are still counted, statements are not.
            return new DatabaseActivity(database, countsStatements: false);
        }
    }

    public async Task<DatabaseCounters> ReadAsync()
    {
        await using var connection = await database.OpenConnectionAsync();
        await using (var clear = new NpgsqlCommand("SELECT pg_stat_clear_snapshot()", connection))
        {
            await clear.ExecuteNonQueryAsync();
        }

        await using var commits = new NpgsqlCommand("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()", connection);
        var committed = (long)(await commits.ExecuteScalarAsync())!;
        if (!countsStatements)
        {
            return new DatabaseCounters(committed, null);
        }

        await using var statements = new NpgsqlCommand(
            """
            SELECT coalesce(sum(calls), 0)::bigint FROM pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND query !~* '^\s*(begin|commit|rollback|start transaction|savepoint|release)\b'
            """, connection);
        return new DatabaseCounters(committed, (long)(await statements.ExecuteScalarAsync())!);
    }

    public ValueTask DisposeAsync() => database.DisposeAsync();
}

/// <summary>Cumulative counters at one moment; their difference over a workload is its database work.</summary>
internal sealed record DatabaseCounters(long Commits, long? Statements)
{
    public static DatabaseCounters operator -(DatabaseCounters after, DatabaseCounters before) =>
        new(after.Commits - before.Commits, after.Statements - before.Statements);
}

/// <summary>The database work of one workload against one engine, per acknowledged request (warm-up included in both).</summary>
internal sealed record DatabaseWork(string Workload, string Engine, DatabaseCounters Delta, long Acknowledged, bool Settled)
{
    public double CommitsPerOperation => Acknowledged == 0 ? double.NaN : (double)Delta.Commits / Acknowledged;

    public double? StatementsPerOperation => Delta.Statements is { } statements && Acknowledged > 0 ? (double)statements / Acknowledged : null;
}
