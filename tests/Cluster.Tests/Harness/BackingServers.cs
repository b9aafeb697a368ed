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
    private readonly SemaphoreSlim _templateLock = new(1, 1);
    private string? _template;

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
        await StartPostgresAsync();
        await StartRedisAsync();
    }

    public async Task DisposeAsync()
    {
        _templateLock.Dispose();
        await Shell.RunAsync($"stop_redis '{_directory}/redis'; stop_postgres '{_directory}/pg'");
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>
    /// A fresh database: a copy of one the silo's own `migrate` command migrated once per run (copying takes a
    /// fraction of a second; a `migrate` process per test took about four).
    /// </summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var template = await MigratedTemplateAsync();
        var name = "qm_" + Guid.NewGuid().ToString("N")[..12];
        await RunOnServerAsync($"CREATE DATABASE {name} TEMPLATE {template}");
        return name;
    }

    private async Task<string> MigratedTemplateAsync()
    {
        await _templateLock.WaitAsync();
        try
        {
            if (_template is null)
            {
                var name = "qm_template_" + Guid.NewGuid().ToString("N")[..8];
                await RunOnServerAsync($"CREATE DATABASE {name}");
                await Shell.RunAsync(
                    $"ConnectionStrings__Postgres='{PostgresConnection(name)}' ConnectionStrings__Redis='{RedisConnection}' dotnet '{RepositoryPaths.SiloDll}' migrate");
                _template = name;
            }

            return _template;
        }
        finally
        {
            _templateLock.Release();
        }
    }

    private async Task RunOnServerAsync(string statement)
    {
        // Unpooled: another test may have restarted the server under a pooled connection.
        await using var admin = new NpgsqlConnection(PostgresConnection("postgres") + ";Pooling=false");
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand(statement, admin);
        await create.ExecuteNonQueryAsync();
    }

    /// <summary>What `pg_ctl restart -m immediate` does: the server crashes and comes back with crash recovery.</summary>
    public Task RestartPostgresImmediatelyAsync() =>
        Shell.RunAsync($"as_pg_user \"$PG_BIN/pg_ctl\" -D '{_directory}/pg/pgdata' -m immediate -w -t 60 restart > /dev/null");

    public Task StopPostgresImmediatelyAsync() =>
        Shell.RunAsync($"as_pg_user \"$PG_BIN/pg_ctl\" -D '{_directory}/pg/pgdata' -m immediate -w stop > /dev/null");

    /// <summary>With pg_stat_statements loaded: it counts every statement the moment it finishes (the flood test reads it).</summary>
    public Task StartPostgresAsync() => Shell.RunAsync(
        $"PG_EXTRA_OPTIONS='-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.max=10000' start_postgres '{_directory}/pg' {PostgresPort}");

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
