using Quartermaster.Persistence.Tests.Infrastructure;
using static Quartermaster.Persistence.Tests.Membership.MembershipTableFactory;

namespace Quartermaster.Persistence.Tests.Membership;

/// <summary>
/// CleanupDefunctSiloEntriesKey is required but only used when the row-by-row CleanupDefunctSiloEntryKey is
/// absent; this class removes the latter from its own database to check that the fallback holds as well.
/// </summary>
public sealed class DefunctSiloFallbackTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task Without_the_row_by_row_query_cleanup_still_removes_only_old_dead_silos()
    {
        await database.ScalarAsync<int>(
            "WITH gone AS (DELETE FROM orleansquery WHERE querykey = 'CleanupDefunctSiloEntryKey' RETURNING 1) SELECT count(*)::int FROM gone");
        var table = await CreateAsync(database.ConnectionString, $"cluster-{Guid.NewGuid():N}");
        var old = DateTime.UtcNow.AddDays(-10);
        foreach (var entry in new[]
                 {
                     Entry(11111, SiloStatus.Dead, old),
                     Entry(11112, SiloStatus.Dead, DateTime.UtcNow),
                     Entry(11113, SiloStatus.Active, old),
                     Entry(11114, SiloStatus.Joining, old),
                 })
        {
            Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));
        }

        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddDays(-1));

        var left = (await table.ReadAllAsync()).Members.Select(m => m.Item1.SiloAddress.Endpoint.Port).Order();
        Assert.Equal([11112, 11113, 11114], left);
    }
}
