using Npgsql;

namespace Quartermaster.Persistence.Tests.Infrastructure;

/// <summary>
/// A row locked by an open transaction of its own (SELECT ... FOR UPDATE), so a test can hold a write on the database
/// at a chosen point: start the write, wait until it blocks on the lock, look, then let it go.
/// </summary>
public sealed class HeldRowLock : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private HeldRowLock(string connectionString, NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _connectionString = connectionString;
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>Runs <paramref name="selectForUpdate"/> in a new transaction, which must find exactly one row to lock.</summary>
    public static async Task<HeldRowLock> TakeAsync(string connectionString, string selectForUpdate, params object[] parameters)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync();
            var transaction = await connection.BeginTransactionAsync();
            await LockOneRowAsync(connection, transaction, selectForUpdate, parameters);
            return new HeldRowLock(connectionString, connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task LockOneRowAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string selectForUpdate, object[] parameters)
    {
        await using (var command = new NpgsqlCommand(selectForUpdate, connection, transaction))
        {
            foreach (var parameter in parameters)
            {
                command.Parameters.AddWithValue(parameter);
            }

            var rows = 0;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows++;
            }

            if (rows != 1)
            {
                throw new InvalidOperationException($"Expected to lock one row, locked {rows}: {selectForUpdate}");
            }
        }
    }

    /// <summary>
    /// Until a session of the database waits on a lock. Asked on a new connection each time: a snapshot of the
    /// activity view taken inside a transaction would not change.
    /// </summary>
    public Task WaitUntilAWriteBlocksAsync(string what) =>
        Eventually.ReturnsAsync(
            async () =>
            {
                await using var connection = new NpgsqlConnection(_connectionString);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
                return (long)(await command.ExecuteScalarAsync())!;
            },
            waiting => waiting > 0, TimeSpan.FromSeconds(30), what);

    /// <summary>Ends the transaction without changing the row: the blocked write goes on.</summary>
    public Task ReleaseAsync() => _transaction.RollbackAsync();

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
