using Npgsql;

namespace Quartermaster.Persistence.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the tests run against: `QUARTERMASTER_TEST_POSTGRES`, an Npgsql connection string
/// whose user may create databases. Each test class works in databases of its own, created here and dropped
/// when the class is done, so tests never see each other's rows.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "QUARTERMASTER_TEST_POSTGRES";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set: these tests need a PostgreSQL server. " +
                $"Start PostgreSQL with scripts/test, or set {Variable} to an Npgsql connection string " +
                "of a user that may create databases.");

    /// <returns>The connection string of a new, empty database named qm_test_&lt;random&gt;.</returns>
    public static async Task<string> CreateDatabaseAsync()
    {
        var name = $"qm_test_{Guid.NewGuid():N}"[..20];
        await ExecuteOnServerAsync($"CREATE DATABASE {name}");
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        // FORCE ends the sessions that Orleans' providers may still hold in their own pools.
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {builder.Database} WITH (FORCE)");
    }

    private static async Task ExecuteOnServerAsync(string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
