using Quartermaster.Persistence.Tests.Infrastructure;
using static Quartermaster.Persistence.Tests.Membership.MembershipTableFactory;

namespace Quartermaster.Persistence.Tests.Membership;

/// <summary>
/// The membership protocol's demands on our clustering queries, driven through Orleans' own
/// AdoNetClusteringTable: a version row per cluster, writes conditional on the version read, heartbeats that
/// do not move the version, gateway lists, and cleanup of dead silos.
/// </summary>
public sealed class MembershipTableContractTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    /// <summary>Now, cut to the microsecond that PostgreSQL keeps, so values compare equal after a round trip.</summary>
    private static DateTime Now
    {
        get
        {
            var now = DateTime.UtcNow;
            return new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);
        }
    }

    [Fact]
    public async Task A_new_cluster_has_one_version_row_and_no_silos()
    {
        var clusterId = NewClusterId();
        var table = await CreateAsync(database.ConnectionString, clusterId);
        await CreateAsync(database.ConnectionString, clusterId); // the second silo to start finds it there

        var all = await table.ReadAllAsync();

        Assert.Empty(all.Members);
        Assert.Equal(0, all.Version.Version);
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM orleans_cluster_version WHERE deployment_id = $1", clusterId));
    }

    [Fact]
    public async Task Inserts_need_the_current_version_and_move_it_on()
    {
        var table = await CreateAsync(database.ConnectionString, NewClusterId());
        var version = (await table.ReadAllAsync()).Version;
        var entry = Entry(11111, SiloStatus.Joining, Now);

        Assert.True(await table.InsertRowAsync(entry, version.Next()));
        var afterInsert = await table.ReadAllAsync();
        Assert.Equal(version.Version + 1, afterInsert.Version.Version);
        var (stored, etag) = Assert.Single(afterInsert.Members);
        Assert.Equal(entry.SiloAddress, stored.SiloAddress);
        Assert.Equal(entry.SiloName, stored.SiloName);
        Assert.Equal(entry.HostName, stored.HostName);
        Assert.Equal(SiloStatus.Joining, stored.Status);
        Assert.Equal(entry.StartTime, stored.StartTime);
        Assert.Equal(afterInsert.Version.VersionEtag, etag);

        // a stale version, or a silo that is already there, changes nothing
        Assert.False(await table.InsertRowAsync(Entry(22222, SiloStatus.Joining, Now), version.Next()));
        Assert.False(await table.InsertRowAsync(entry, afterInsert.Version.Next()));
        var unchanged = await table.ReadAllAsync();
        Assert.Equal(afterInsert.Version.Version, unchanged.Version.Version);
        Assert.Single(unchanged.Members);
    }

    [Fact]
    public async Task Updates_need_the_current_version_and_move_it_on()
    {
        var table = await CreateAsync(database.ConnectionString, NewClusterId());
        var entry = Entry(11111, SiloStatus.Joining, Now);
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));
        var read = await table.ReadRowAsync(entry.SiloAddress);
        var (_, etag) = Assert.Single(read.Members);

        entry.Status = SiloStatus.Active;
        entry.SuspectTimes = [Tuple.Create(SiloAddress.New(System.Net.IPAddress.Loopback, 33333, 5), Now)];
        Assert.True(await table.UpdateRowAsync(entry, etag, read.Version.Next()));

        var after = await table.ReadRowAsync(entry.SiloAddress);
        var (stored, _) = Assert.Single(after.Members);
        Assert.Equal(read.Version.Version + 1, after.Version.Version);
        Assert.Equal(SiloStatus.Active, stored.Status);
        Assert.Equal(entry.SuspectTimes.Single().Item1, Assert.Single(stored.SuspectTimes!).Item1);

        // the same write again carries a version that has moved on
        entry.Status = SiloStatus.Dead;
        Assert.False(await table.UpdateRowAsync(entry, etag, read.Version.Next()));
        Assert.Equal(SiloStatus.Active, Assert.Single((await table.ReadAllAsync()).Members).Item1.Status);
    }

    [Fact]
    public async Task Of_two_writers_holding_the_same_version_exactly_one_wins()
    {
        var table = await CreateAsync(database.ConnectionString, NewClusterId());
        var version = (await table.ReadAllAsync()).Version;

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => table.InsertRowAsync(Entry(40000 + i, SiloStatus.Joining, Now), version.Next()))));

        Assert.Equal(1, results.Count(inserted => inserted));
        var all = await table.ReadAllAsync();
        Assert.Single(all.Members);
        Assert.Equal(version.Version + 1, all.Version.Version);
    }

    [Fact]
    public async Task A_row_for_an_unknown_silo_still_carries_the_version()
    {
        var table = await CreateAsync(database.ConnectionString, NewClusterId());
        Assert.True(await table.InsertRowAsync(Entry(11111, SiloStatus.Active, Now), (await table.ReadAllAsync()).Version.Next()));

        var row = await table.ReadRowAsync(Entry(55555, SiloStatus.Active, Now).SiloAddress);

        Assert.Empty(row.Members);
        Assert.Equal(1, row.Version.Version);
    }

    [Fact]
    public async Task Heartbeats_change_the_alive_time_but_not_the_version()
    {
        var table = await CreateAsync(database.ConnectionString, NewClusterId());
        var entry = Entry(11111, SiloStatus.Active, Now.AddMinutes(-5));
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));
        var before = await table.ReadAllAsync();

        entry.IAmAliveTime = Now;
        await table.UpdateIAmAliveAsync(entry);

        var after = await table.ReadAllAsync();
        Assert.Equal(before.Version.Version, after.Version.Version);
        Assert.Equal(entry.IAmAliveTime, Assert.Single(after.Members).Item1.IAmAliveTime);
    }

    [Fact]
    public async Task Gateways_are_the_active_silos_with_a_proxy_port()
    {
        var clusterId = NewClusterId();
        var table = await CreateAsync(database.ConnectionString, clusterId);
        var now = Now;
        foreach (var entry in new[]
                 {
                     Entry(11111, SiloStatus.Active, now, proxyPort: 21111),
                     Entry(11112, SiloStatus.Active, now, proxyPort: 0),
                     Entry(11113, SiloStatus.Joining, now, proxyPort: 21113),
                     Entry(11114, SiloStatus.Dead, now, proxyPort: 21114),
                 })
        {
            Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));
        }

        var gateways = await (await CreateGatewayListAsync(database.ConnectionString, clusterId)).GetGatewaysAsync();

        var gateway = Assert.Single(gateways);
        Assert.Equal(21111, gateway.Port);
        Assert.Equal("127.0.0.1", gateway.Host);
    }

    [Fact]
    public async Task Cleanup_removes_only_dead_silos_older_than_the_cutoff()
    {
        var table = await CreateAsync(database.ConnectionString, NewClusterId());
        var old = Now.AddDays(-10);
        var deadOld = Entry(11111, SiloStatus.Dead, old);
        deadOld.SuspectTimes = [Tuple.Create(SiloAddress.New(System.Net.IPAddress.Loopback, 11112, 7), old)];
        var deadRecent = Entry(11112, SiloStatus.Dead, Now);
        var activeOld = Entry(11113, SiloStatus.Active, old);
        foreach (var entry in new[] { deadOld, deadRecent, activeOld })
        {
            Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));
        }

        // suspicions are written by updates only
        var (_, etag) = Assert.Single((await table.ReadRowAsync(deadOld.SiloAddress)).Members);
        Assert.True(await table.UpdateRowAsync(deadOld, etag, (await table.ReadAllAsync()).Version.Next()));

        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddDays(-1));

        var left = (await table.ReadAllAsync()).Members.Select(m => m.Item1.SiloAddress.Endpoint.Port).Order();
        Assert.Equal([11112, 11113], left);
    }

    [Fact]
    public async Task Deleting_a_cluster_removes_its_silos_and_version_but_not_other_clusters()
    {
        var doomedId = NewClusterId();
        var doomed = await CreateAsync(database.ConnectionString, doomedId);
        var other = await CreateAsync(database.ConnectionString, NewClusterId());
        Assert.True(await doomed.InsertRowAsync(Entry(11111, SiloStatus.Active, Now), (await doomed.ReadAllAsync()).Version.Next()));
        Assert.True(await other.InsertRowAsync(Entry(11111, SiloStatus.Active, Now), (await other.ReadAllAsync()).Version.Next()));

        await doomed.DeleteMembershipTableEntriesAsync(doomedId);

        Assert.Equal(0L, await database.ScalarAsync<long>(
            "SELECT (SELECT count(*) FROM orleans_silos WHERE deployment_id = $1) + (SELECT count(*) FROM orleans_cluster_version WHERE deployment_id = $1)",
            doomedId));
        Assert.Single((await other.ReadAllAsync()).Members);
    }

    private static string NewClusterId() => $"cluster-{Guid.NewGuid():N}";
}
