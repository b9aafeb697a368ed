using Npgsql;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Orders;
using Quartermaster.Persistence.Storage;
using Quartermaster.Persistence.Tests.Infrastructure;

namespace Quartermaster.Persistence.Tests.Storage;

/// <summary>qm_stock_holds as the hold due index: each item with an active hold past its expiry, once, by range.</summary>
public sealed class HoldDueIndexTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Each_item_with_an_expired_active_hold_is_read_once_at_its_earliest_expiry_by_exactly_one_range()
    {
        await using var source = NpgsqlDataSource.Create(database.ConnectionString);
        const string tenant = "t-hold-due";
        var expected = new Dictionary<string, DateTimeOffset>();
        for (var i = 0; i < 20; i++)
        {
            // Due: an expired active hold, plus a later one and an ended one on the same item.
            var sku = $"due-{i:D2}";
            await InsertHoldAsync(source, tenant, sku, "h-expired", Now.AddSeconds(-i - 1), "active");
            await InsertHoldAsync(source, tenant, sku, "h-later", Now.AddSeconds(100), "active");
            await InsertHoldAsync(source, tenant, sku, "h-ended", Now.AddSeconds(-1000), "expired");
            expected[GrainKeys.StockItem(tenant, sku, "w1")] = Now.AddSeconds(-i - 1);
        }

        // Never due: holds that ended, are not yet due, or never expire.
        await InsertHoldAsync(source, tenant, "ended", "h-1", Now.AddSeconds(-5), "committed");
        await InsertHoldAsync(source, tenant, "later", "h-1", Now.AddSeconds(1), "active");
        await InsertHoldAsync(source, tenant, "forever", "h-1", null, "active");

        var index = new PostgresHoldDueIndex(source);
        var read = new List<(int Range, DueEntry Due)>();
        for (var range = 0; range < OrderSweep.Ranges; range++)
        {
            DueEntry? after = null;
            IReadOnlyList<DueEntry> page;
            do
            {
                page = await index.DueAsync(range, Now, after, 3, CancellationToken.None);
                Assert.True(page.Count <= 3);
                read.AddRange(page.Select(d => (range, d)));
                after = page.Count > 0 ? page[^1] : null;
            }
            while (page.Count == 3);
        }

        var ofTenant = read.Where(r => GrainKeys.ParseStockItem(r.Due.Key).TenantId == tenant).ToList();
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), ofTenant.Select(r => r.Due.Key).Order(StringComparer.Ordinal));
        Assert.All(ofTenant, r => Assert.Equal(expected[r.Due.Key], r.Due.DueAt));
        Assert.All(ofTenant.GroupBy(r => r.Range), g => Assert.Equal(g.OrderBy(r => r.Due.DueAt).Select(r => r.Due), g.Select(r => r.Due)));
        Assert.True(ofTenant.Select(r => r.Range).Distinct().Count() > 1, "the items are spread over more than one range");
    }

    private static async Task InsertHoldAsync(NpgsqlDataSource source, string tenant, string sku, string holdId, DateTimeOffset? expiresAt, string status)
    {
        await using var command = source.CreateCommand(
            "INSERT INTO qm_stock_holds (tenant_id, sku, warehouse_id, hold_id, quantity, expires_at, status) VALUES ($1, $2, 'w1', $3, 1, $4, $5)");
        command.Parameters.AddWithValue(tenant);
        command.Parameters.AddWithValue(sku);
        command.Parameters.AddWithValue(holdId);
        command.Parameters.Add(new NpgsqlParameter { Value = expiresAt is { } at ? at.ToUniversalTime() : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.AddWithValue(status);
        await command.ExecuteNonQueryAsync();
    }
}
