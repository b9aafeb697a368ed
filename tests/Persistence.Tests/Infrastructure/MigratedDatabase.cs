using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Quartermaster.Persistence.Migrations;

namespace Quartermaster.Persistence.Tests.Infrastructure;

/// <summary>Class fixture: a new database with every migration applied, dropped after the class.</summary>
public sealed class MigratedDatabase : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresServer.CreateDatabaseAsync();
        await Migrator.MigrateAsync(ConnectionString, NullLogger.Instance, CancellationToken.None);
    }

    public Task DisposeAsync() => PostgresServer.DropDatabaseAsync(ConnectionString);

    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }
}
