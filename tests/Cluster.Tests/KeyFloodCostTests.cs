using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Npgsql;
using Quartermaster.Cluster.Tests.Harness;
using Xunit.Abstractions;

namespace Quartermaster.Cluster.Tests;

/// <summary>
/// On real processes and PostgreSQL: 50,000 requests with random well-formed and malformed Bearer tokens send
/// no statement to the grain state table (every grain activation reads its row, so none was activated either),
/// and a valid key keeps working throughout.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class KeyFloodCostTests(BackingServers servers, ITestOutputHelper output)
{
    private const int Requests = 50_000;
    private const int Parallelism = 16;

    [Fact]
    public async Task Random_tokens_read_nothing_from_the_database_and_valid_keys_keep_working()
    {
        await using var cluster = await LocalCluster.StartAsync(servers, silos: 1, frontends: 1);
        var url = cluster.Frontends[0].Url;
        using var tenant = await TenantClient.CreateTenantAsync(url);
        await tenant.SeedAsync(["k1"], "main", 5);
        Assert.Equal(HttpStatusCode.OK, await tenant.GetStatusAsync("/api/v1/stock/k1/main"));
        await using var database = NpgsqlDataSource.Create(servers.PostgresConnection("postgres"));
        await using (var create = database.CreateCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements"))
        {
            await create.ExecuteNonQueryAsync();
        }

        var before = await QuietStateStatementsAsync(database, cluster.Database);

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Parallelism }) { BaseAddress = new Uri(url) };
        var unexpected = 0;
        var validFailures = 0;
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Parallelism).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Requests)
            {
                if (i % 1_000 == 0 && await tenant.GetStatusAsync("/api/v1/stock/k1/main") != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref validFailures);
                }

                var (path, token) = (i % 3) switch
                {
                    0 => ("/api/v1/products", WellFormedKey()),
                    1 => ("/api/v1/stock/k1/main", Convert.ToHexString(RandomNumberGenerator.GetBytes(20))),
                    _ => ("/livez", WellFormedKey()),
                };
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
                using var response = await http.SendAsync(request);
                var expected = path == "/livez"
                    ? response.StatusCode == HttpStatusCode.OK
                    : response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests;
                if (!expected)
                {
                    Interlocked.Increment(ref unexpected);
                }
            }
        }));
        output.WriteLine($"{Requests} requests in {clock.Elapsed.TotalSeconds:F1} s");

        Assert.Equal(0, unexpected);
        Assert.Equal(0, validFailures);
        Assert.Equal(HttpStatusCode.OK, await tenant.GetStatusAsync("/api/v1/stock/k1/main"));
        var after = await StateStatementsAsync(database, cluster.Database);
        output.WriteLine($"statements on the grain state table: {before.Calls} before, {after.Calls} after");
        Assert.True(before.Evictions == after.Evictions, "pg_stat_statements dropped entries during the flood: its counts cannot be compared");
        Assert.Equal(before.Calls, after.Calls);
    }

    /// <summary>
    /// The count once the seeding's own after-work (grains it activated in the background) is done: unchanged
    /// for 2 s, within 30 s.
    /// </summary>
    private static async Task<(long Calls, long Evictions)> QuietStateStatementsAsync(NpgsqlDataSource database, string databaseName)
    {
        var deadline = Stopwatch.StartNew();
        var value = await StateStatementsAsync(database, databaseName);
        var quietSince = Stopwatch.StartNew();
        while (quietSince.Elapsed < TimeSpan.FromSeconds(2))
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "Statements on the grain state table never stopped.");
            await Task.Delay(250);
            var now = await StateStatementsAsync(database, databaseName);
            if (now != value)
            {
                value = now;
                quietSince.Restart();
            }
        }

        return value;
    }

    /// <summary>
    /// Executions of statements that name the grain state table in the cluster's database, and how many entries
    /// pg_stat_statements has evicted so far. It counts each statement as it finishes, so the figure is exact as
    /// soon as the responses are in (the table statistics in pg_stat_user_tables arrive up to ten seconds late).
    /// </summary>
    private static async Task<(long Calls, long Evictions)> StateStatementsAsync(NpgsqlDataSource database, string databaseName)
    {
        await using var command = database.CreateCommand(
            """
            SELECT (SELECT coalesce(sum(s.calls), 0)::bigint FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
                     WHERE d.datname = $1 AND s.query ILIKE '%qm_grain_state%'),
                   (SELECT dealloc FROM pg_stat_statements_info)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = databaseName });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static string WellFormedKey() =>
        "qm_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
