using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Quartermaster.Persistence.Migrations;
using Quartermaster.Persistence.Tests.Infrastructure;

namespace Quartermaster.Persistence.Tests.Migrations;

public sealed class MigratorTests(FreshDatabases databases) : IClassFixture<FreshDatabases>
{
    private static readonly string[] ClusteringQueryKeys =
    [
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey", "DeleteMembershipTableEntriesKey",
        "GatewaysQueryKey", "InsertMembershipKey", "InsertMembershipVersionKey", "MembershipReadAllKey",
        "MembershipReadRowKey", "UpdateIAmAlivetimeKey", "UpdateMembershipKey",
    ];

    private static readonly string[] ReminderQueryKeys =
    [
        "DeleteReminderRowKey", "DeleteReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "ReadReminderRowKey", "ReadReminderRowsKey", "UpsertReminderRowKey",
    ];

    private static IReadOnlyList<int> EmbeddedVersions => EmbeddedScripts.Load().Select(s => s.Version).ToList();

    [Fact]
    public void Embedded_scripts_start_with_the_orleans_ones_in_version_order()
    {
        var scripts = EmbeddedScripts.Load();

        Assert.Equal(["orleans_clustering", "orleans_reminders"], scripts.Take(2).Select(s => s.Name));
        Assert.Equal([1, 2], scripts.Take(2).Select(s => s.Version));
        Assert.Equal(scripts.Select(s => s.Version).Order(), scripts.Select(s => s.Version));
    }

    [Fact]
    public async Task Migrating_an_empty_database_creates_the_tables_and_the_orleans_queries()
    {
        var database = await databases.CreateAsync();
        var logger = new ListLogger();

        var report = await Migrator.MigrateAsync(database, logger, CancellationToken.None);

        Assert.Equal(EmbeddedVersions, report.Applied.Select(s => s.Version));
        Assert.Empty(report.AlreadyApplied);
        Assert.Equal(EmbeddedVersions.Count, logger.Entries.Count(e => e.Id.Id == 7001));
        var tables = await StringsAsync(database, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
        Assert.Superset(
            new HashSet<string> { "orleansquery", "orleans_cluster_version", "orleans_silos", "orleans_reminders", "schema_migrations" },
            tables.ToHashSet());
        var keys = await StringsAsync(database, "SELECT querykey FROM orleansquery ORDER BY querykey");
        Assert.Equal(ClusteringQueryKeys.Concat(ReminderQueryKeys).Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
        var recorded = await StringsAsync(database, "SELECT version || ':' || name || ':' || length(checksum) FROM schema_migrations ORDER BY version");
        Assert.Equal(EmbeddedScripts.Load().Select(s => $"{s.Version}:{s.Name}:64"), recorded);
    }

    [Fact]
    public async Task Migrating_twice_applies_nothing_the_second_time()
    {
        var database = await databases.CreateAsync();
        await Migrator.MigrateAsync(database, NullLogger.Instance, CancellationToken.None);
        var appliedAt = await StringsAsync(database, "SELECT applied_at::text FROM schema_migrations ORDER BY version");

        var second = await Migrator.MigrateAsync(database, NullLogger.Instance, CancellationToken.None);

        Assert.Empty(second.Applied);
        Assert.Equal(EmbeddedVersions, second.AlreadyApplied.Select(s => s.Version));
        Assert.Equal(appliedAt, await StringsAsync(database, "SELECT applied_at::text FROM schema_migrations ORDER BY version"));
    }

    [Fact]
    public async Task Concurrent_runs_on_a_fresh_database_all_succeed_and_apply_each_script_once()
    {
        var database = await databases.CreateAsync();

        var reports = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => Migrator.MigrateAsync(database, NullLogger.Instance, CancellationToken.None))));

        var appliedVersions = reports.SelectMany(r => r.Applied).Select(s => s.Version).Order().ToList();
        Assert.Equal(EmbeddedVersions, appliedVersions);
        Assert.All(reports, r => Assert.Equal(EmbeddedVersions.Count, r.Applied.Count + r.AlreadyApplied.Count));
        Assert.Equal(
            EmbeddedVersions.Select(v => v.ToString()),
            await StringsAsync(database, "SELECT version::text FROM schema_migrations ORDER BY schema_migrations.version"));
        Assert.Equal(
            (ClusteringQueryKeys.Length + ReminderQueryKeys.Length).ToString(),
            (await StringsAsync(database, "SELECT count(*)::text FROM orleansquery")).Single());
    }

    [Fact]
    public async Task A_changed_applied_script_stops_the_run()
    {
        var database = await databases.CreateAsync();
        await Migrator.MigrateAsync(database, NullLogger.Instance, CancellationToken.None);
        await ExecuteAsync(database, "UPDATE schema_migrations SET checksum = repeat('0', 64) WHERE version = 2");

        var error = await Assert.ThrowsAsync<MigrationException>(
            () => Migrator.MigrateAsync(database, NullLogger.Instance, CancellationToken.None));

        Assert.Contains("0002_orleans_reminders", error.Message);
        Assert.Contains("checksum", error.Message);
    }

    [Fact]
    public async Task A_failing_script_is_rolled_back_with_its_history_row_and_stops_later_scripts()
    {
        var database = await databases.CreateAsync();
        MigrationScript[] scripts =
        [
            new(1, "good", "CREATE TABLE first_table (id integer)"),
            new(2, "bad", "CREATE TABLE half_done (id integer); SELECT no_such_column FROM first_table"),
            new(3, "later", "CREATE TABLE later_table (id integer)"),
        ];

        var error = await Assert.ThrowsAsync<MigrationException>(
            () => Migrator.MigrateAsync(database, scripts, NullLogger.Instance, CancellationToken.None));

        Assert.Contains("0002_bad", error.Message);
        Assert.Equal(["1"], await StringsAsync(database, "SELECT version::text FROM schema_migrations"));
        Assert.Equal(
            ["first_table", "schema_migrations"],
            await StringsAsync(database, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1"));
    }

    [Fact]
    public void Checksums_ignore_line_ending_style_but_not_content()
    {
        Assert.Equal(MigrationScript.ChecksumOf("a\nb\n"), MigrationScript.ChecksumOf("a\r\nb\r\n"));
        Assert.NotEqual(MigrationScript.ChecksumOf("a\nb\n"), MigrationScript.ChecksumOf("a\nc\n"));
    }

    private static async Task<List<string>> StringsAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
