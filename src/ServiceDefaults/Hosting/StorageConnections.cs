using Microsoft.Extensions.Configuration;

namespace Quartermaster.ServiceDefaults.Hosting;

/// <summary>
/// Where real state lives: `ConnectionStrings:Postgres` (system of record, clustering, reminders) and
/// `ConnectionStrings:Redis` (ephemeral state). Neither set means the in-memory development mode.
/// </summary>
public sealed record StorageConnections(string? Postgres, string? Redis)
{
    public const string PostgresName = "Postgres";
    public const string RedisName = "Redis";

    public bool IsDurable => Postgres is not null;

    public static StorageConnections From(IConfiguration configuration)
    {
        var connections = new StorageConnections(PostgresOf(configuration), NullIfEmpty(configuration.GetConnectionString(RedisName)));
        if (connections.Redis is not null && connections.Postgres is null)
        {
            throw new InvalidOperationException("ConnectionStrings:Redis is set without ConnectionStrings:Postgres; set both or neither.");
        }

        if (connections.Postgres is not null && connections.Redis is null)
        {
            throw new InvalidOperationException("ConnectionStrings:Postgres is set without ConnectionStrings:Redis; set both or neither.");
        }

        return connections;
    }

    /// <summary>The PostgreSQL connection string alone, blank counting as unset, for tools that need only the database.</summary>
    public static string? PostgresOf(IConfiguration configuration) => NullIfEmpty(configuration.GetConnectionString(PostgresName));

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
