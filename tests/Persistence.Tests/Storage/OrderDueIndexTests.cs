using Npgsql;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Orders;
using Quartermaster.Grains.Orders;
using Quartermaster.Persistence.Migrations;
using Quartermaster.Persistence.Storage;
using Quartermaster.Persistence.Tests.Infrastructure;

namespace Quartermaster.Persistence.Tests.Storage;

/// <summary>qm_orders' due columns, written with the order, as the sweepers read them.</summary>
public sealed class OrderDueIndexTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Each_due_order_is_read_once_in_due_order_by_exactly_one_range_and_leaves_when_settled()
    {
        await using var source = NpgsqlDataSource.Create(database.ConnectionString);
        var table = new OrderTable(new StoredOrders(source), TestFlusher.For(source));
        var index = new PostgresOrderDueIndex(source);
        const string tenant = "t-due";
        var states = new Dictionary<string, GrainState<OrderState>>();
        for (var i = 0; i < 60; i++)
        {
            // 40 reservations due by the sweep's "now", 10 due later, 10 confirmed (never due).
            var key = GrainKeys.Order(tenant, $"o-{i:D2}");
            var state = new GrainState<OrderState>(i < 50 ? Reserved(At.AddSeconds(i)) : Confirmed());
            await table.WriteAsync("order", key, state);
            states[key] = state;
        }

        var now = At.AddSeconds(39);
        var read = new List<(int Range, DueEntry Due)>();
        for (var range = 0; range < OrderSweep.Ranges; range++)
        {
            DueEntry? after = null;
            IReadOnlyList<DueEntry> page;
            do
            {
                page = await index.DueAsync(range, now, after, 3, CancellationToken.None);
                Assert.True(page.Count <= 3);
                read.AddRange(page.Select(d => (range, d)));
                after = page.Count > 0 ? page[^1] : null;
            }
            while (page.Count == 3);
        }

        var expected = Enumerable.Range(0, 40).Select(i => GrainKeys.Order(tenant, $"o-{i:D2}")).ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal), read.Select(r => r.Due.Key).Order(StringComparer.Ordinal));
        Assert.All(read, r => Assert.Equal(states[r.Due.Key].State!.DueAt, r.Due.DueAt));
        Assert.All(read.GroupBy(r => r.Range), g => Assert.Equal(g.OrderBy(r => r.Due.DueAt).Select(r => r.Due), g.Select(r => r.Due)));
        Assert.True(read.Select(r => r.Range).Distinct().Count() > 1, "the orders are spread over more than one range");

        // Settling an order (here: it expired) clears its due time in the same write.
        var settled = states[expected[0]];
        settled.State!.Status = OrderStatus.Expired;
        settled.State.DueAt = null;
        await table.WriteAsync("order", expected[0], settled);
        var range0 = read.Single(r => r.Due.Key == expected[0]).Range;
        Assert.DoesNotContain(await index.DueAsync(range0, now, null, 100, CancellationToken.None), d => d.Key == expected[0]);
    }

    [Fact]
    public async Task The_migration_makes_orders_left_by_the_previous_release_due_and_is_safe_to_run_again()
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        // Rows as the previous release wrote them: no target or due_at columns filled in.
        await Execute(connection, """
            INSERT INTO qm_orders (tenant_id, order_id, status, created_at, updated_at, expires_at, version, payload) VALUES
              ('t-legacy', 'unfinished', 'reserved', now(), now(), '2030-01-01Z', 2, '{"Status":"Reserved","Target":"Confirmed"}'),
              ('t-legacy', 'reserved', 'reserved', now(), now(), '2030-01-01Z', 1, '{"Status":"Reserved"}'),
              ('t-legacy', 'shipped', 'shipped', now(), now(), NULL, 3, '{"Status":"Shipped"}')
            """);

        var script = EmbeddedScripts.Load().Single(s => s.Version == 5);
        await Execute(connection, script.Sql);
        await Execute(connection, script.Sql);

        await using var command = new NpgsqlCommand(
            "SELECT order_id, target, due_at <= now(), due_at FROM qm_orders WHERE tenant_id = 't-legacy' ORDER BY order_id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string?, bool?, DateTimeOffset?)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetBoolean(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3)));
        }

        Assert.Equal(
            [("reserved", null, false, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)), ("shipped", null, null, null)],
            rows.Where(r => r.Item1 != "unfinished"));
        var unfinished = rows.Single(r => r.Item1 == "unfinished");
        Assert.Equal(("confirmed", true), (unfinished.Item2, unfinished.Item3));
    }

    private static OrderState Reserved(DateTimeOffset due) => new()
    {
        Status = OrderStatus.Reserved,
        Lines = [new OrderLine("sku", "w1", 1)],
        CreatedAt = At,
        UpdatedAt = At,
        ExpiresAt = due,
        History = [new OrderHistoryEntry(OrderStatus.Reserved, At)],
        Version = 1,
        DueAt = due,
    };

    private static OrderState Confirmed() => new()
    {
        Status = OrderStatus.Confirmed,
        Lines = [new OrderLine("sku", "w1", 1)],
        CreatedAt = At,
        UpdatedAt = At,
        History = [new OrderHistoryEntry(OrderStatus.Reserved, At), new OrderHistoryEntry(OrderStatus.Confirmed, At)],
        Version = 2,
    };

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
