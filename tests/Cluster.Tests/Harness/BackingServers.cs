using Npgsql;
using Quartermaster.Tests.Shared;

namespace Quartermaster.Cluster.Tests.Harness;

/// <summary>
/// A real PostgreSQL (fsync on) and a real Redis (AOF on) of our own, on private ports in a temporary
/// directory, so tests can restart and kill them. Each test gets its own database.
/// </summary>
public sealed class BackingServers : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "qm-cluster-tests-" + Guid.NewGuid().ToString("N")[..8]);

    public int PostgresPort { get; private set; }

    public int RedisPort { get; private set; }

    public string RedisConnection => $"127.0.0.1:{RedisPort},abortConnect=false";

    /// <summary>Npgsql's default connect timeout (15 s), as production runs: a 5 s one failed silo start-ups on a starved machine.</summary>
    public string PostgresConnection(string database) =>
        $"Host=127.0.0.1;Port={PostgresPort};Username=quartermaster;Database={database};Timeout=15;Command Timeout=15";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        PostgresPort = Ports.Next();
        RedisPort = Ports.Next();
        await Shell.RunAsync($"start_postgres '{_directory}/pg' {PostgresPort}");
        await StartRedisAsync();
    }

    public async Task DisposeAsync()
    {
        await Shell.RunAsync($"stop_redis '{_directory}/redis'; stop_postgres '{_directory}/pg'");
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>A fresh database, migrated by the silo's own `migrate` command.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "qm_" + Guid.NewGuid().ToString("N")[..12];
        // Unpooled: another test may have restarted the server under a pooled connection.
        await using (var admin = new NpgsqlConnection(PostgresConnection("postgres") + ";Pooling=false"))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        await Shell.RunAsync(
            $"ConnectionStrings__Postgres='{PostgresConnection(name)}' ConnectionStrings__Redis='{RedisConnection}' dotnet '{RepositoryPaths.SiloDll}' migrate");
        return name;
    }

    /// <summary>What `pg_ctl restart -m immediate` does: the server crashes and comes back with crash recovery.</summary>
    public Task RestartPostgresImmediatelyAsync() =>
        Shell.RunAsync($"as_pg_user \"$PG_BIN/pg_ctl\" -D '{_directory}/pg/pgdata' -m immediate -w -t 60 restart > /dev/null");

    public Task StopPostgresImmediatelyAsync() =>
        Shell.RunAsync($"as_pg_user \"$PG_BIN/pg_ctl\" -D '{_directory}/pg/pgdata' -m immediate -w stop > /dev/null");

    public Task StartPostgresAsync() => Shell.RunAsync($"start_postgres '{_directory}/pg' {PostgresPort}");

    public Task KillRedisAsync() => Shell.RunAsync($"kill -9 $(cat '{_directory}/redis/redis.pid'); rm -f '{_directory}/redis/redis.pid'");

    /// <summary>SIGSTOP: Redis keeps its connections open but answers nothing, as a frozen VM or a stuck disk would.</summary>
    public Task FreezeRedisAsync() => Shell.RunAsync($"kill -STOP $(cat '{_directory}/redis/redis.pid')");

    public Task ThawRedisAsync() => Shell.RunAsync($"kill -CONT $(cat '{_directory}/redis/redis.pid')");

    public Task StartRedisAsync() => Shell.RunAsync($"start_redis '{_directory}/redis' {RedisPort}");
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<BackingServers>
{
    public const string Name = "cluster";
}
