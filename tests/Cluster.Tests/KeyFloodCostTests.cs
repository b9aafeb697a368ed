using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Npgsql;
using Quartermaster.Cluster.Tests.Harness;
using Xunit.Abstractions;

namespace Quartermaster.Cluster.Tests;

/// <summary>
/// On real processes and PostgreSQL: 50,000 requests with random well-formed and malformed Bearer tokens read
/// no grain state from the database (every grain activation reads its row, so none was activated either),
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
        await using var database = NpgsqlDataSource.Create(servers.PostgresConnection(cluster.Database));
        var before = await SettledStateReadsAsync(database);

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
        var after = await SettledStateReadsAsync(database);
        output.WriteLine($"grain state reads: {before} before, {after} after");
        Assert.Equal(before, after);
    }

    /// <summary>
    /// Index and sequential scans of the grain state table, once PostgreSQL's statistics have settled
    /// (backends flush them within about ten seconds of going idle): unchanged for 11 s, within a minute.
    /// </summary>
    private static async Task<long> SettledStateReadsAsync(NpgsqlDataSource database)
    {
        var deadline = Stopwatch.StartNew();
        var value = await StateReadsAsync(database);
        var stableSince = Stopwatch.StartNew();
        while (stableSince.Elapsed < TimeSpan.FromSeconds(11))
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(1), "The grain state table's read count never settled.");
            await Task.Delay(500);
            var now = await StateReadsAsync(database);
            if (now != value)
            {
                value = now;
                stableSince.Restart();
            }
        }

        return value;
    }

    private static async Task<long> StateReadsAsync(NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand(
            "SELECT coalesce(seq_scan, 0) + coalesce(idx_scan, 0) FROM pg_stat_user_tables WHERE relname = 'qm_grain_state'");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static string WellFormedKey() =>
        "qm_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
