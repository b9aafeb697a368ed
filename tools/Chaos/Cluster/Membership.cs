using Npgsql;

namespace Quartermaster.Chaos.Cluster;

/// <summary>Reads the Orleans membership table in PostgreSQL: what the cluster believes about a silo.</summary>
internal sealed class Membership(string connectionString)
{
    private const int Dead = 6;

    /// <summary>The newest generation of the silo on this port, or null when the table cannot be read.</summary>
    public async Task<int?> GenerationAsync(int siloPort)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT max(generation) FROM orleans_silos WHERE deployment_id = 'local' AND port = @port", connection);
            command.Parameters.AddWithValue("port", siloPort);
            return await command.ExecuteScalarAsync() is int generation ? generation : null;
        }
        catch (NpgsqlException)
        {
            return null;
        }
    }

    /// <summary>Whether that incarnation of the silo is declared dead; null when the table cannot be read.</summary>
    public async Task<bool?> IsDeadAsync(int siloPort, int generation)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString + ";Timeout=2;Command Timeout=2");
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT status FROM orleans_silos WHERE deployment_id = 'local' AND port = @port AND generation = @generation", connection);
            command.Parameters.AddWithValue("port", siloPort);
            command.Parameters.AddWithValue("generation", generation);
            return await command.ExecuteScalarAsync() is int status ? status == Dead : null;
        }
        catch (Exception error) when (error is NpgsqlException or TimeoutException)
        {
            return null;
        }
    }
}
