using System.Text;
using Npgsql;
using Quartermaster.Grains.Abstractions.Orders;
using Quartermaster.Grains.Orders;

namespace Quartermaster.Persistence.Storage;

/// <summary>
/// GET /orders straight from qm_orders, newest first, continuing after a (createdAt, orderId) position so
/// each page is an index range scan however many orders the tenant has. Only the filters given become
/// predicates, so the planner can pick the matching index.
/// </summary>
internal sealed class PostgresOrderSearch(NpgsqlDataSource database) : IOrderSearch
{
    /// <summary>The order's row, written by its grain, is already what the list reads.</summary>
    public Task PublishAsync(string tenantId, OrderView order) => Task.CompletedTask;

    public async Task<OrderPage> SearchAsync(string tenantId, OrderQuery query, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand();
        var sql = new StringBuilder("SELECT order_id, created_at, payload::text FROM qm_orders WHERE tenant_id = $1 AND status IS NOT NULL");
        command.Parameters.AddWithValue(tenantId);
        void Where(string predicate, object value)
        {
            command.Parameters.AddWithValue(value);
            sql.Append(" AND ").Append(predicate.Replace("@", "$" + command.Parameters.Count, StringComparison.Ordinal));
        }

        if (OrderStatuses.Name(query.Status) is { } status)
        {
            Where("status = @", status);
        }

        if (query.CustomerRef is { } customer)
        {
            Where("customer_ref = @", customer);
        }

        if (query.CreatedFrom is { } from)
        {
            Where("created_at >= @", from.ToUniversalTime());
        }

        if (query.CreatedTo is { } to)
        {
            Where("created_at < @", to.ToUniversalTime());
        }

        if (query.After is { } after)
        {
            command.Parameters.AddWithValue(after.CreatedAt.ToUniversalTime());
            command.Parameters.AddWithValue(after.OrderId);
            sql.Append($" AND (created_at, order_id) < (${command.Parameters.Count - 1}, ${command.Parameters.Count})");
        }

        command.Parameters.AddWithValue(query.Limit + 1);
        sql.Append($" ORDER BY created_at DESC, order_id DESC LIMIT ${command.Parameters.Count}");
        command.CommandText = sql.ToString();

        var rows = new List<(OrderView Order, OrderPosition Position)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var orderId = reader.GetString(0);
            rows.Add((StateJson.Deserialize<OrderState>(reader.GetString(2)).ToView(orderId),
                new OrderPosition(reader.GetFieldValue<DateTimeOffset>(1), orderId)));
        }

        // The position comes from the column, not the payload: timestamptz keeps microseconds, .NET keeps ticks.
        var page = rows.Take(query.Limit).ToList();
        return new OrderPage(page.Select(r => r.Order).ToList(), rows.Count > query.Limit ? page[^1].Position : null);
    }
}
