using Npgsql;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Orders;

namespace Quartermaster.Persistence.Storage;

/// <summary>
/// The sweep's due index on PostgreSQL: qm_orders' due_at column, written by <see cref="OrderTable"/> in the
/// same statement as the order, read through the partial index qm_orders_due. A sweep range is a hash range
/// of the order key; the hash is computed only for rows already due, which are few.
/// </summary>
internal sealed class PostgresOrderDueIndex(NpgsqlDataSource database) : IOrderDueIndex
{
    private const string Due = """
        SELECT tenant_id, order_id, due_at FROM qm_orders
        WHERE due_at <= $1 AND (hashtext(tenant_id || '/' || order_id) & 2147483647) % $2 = $3
        """;

    public Task RecordAsync(string orderKey, DateTimeOffset? dueAt) => Task.CompletedTask;

    public async Task<IReadOnlyList<DueEntry>> DueAsync(int range, DateTimeOffset now, DueEntry? after, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand();
        command.Parameters.AddWithValue(now.ToUniversalTime());
        command.Parameters.AddWithValue(OrderSweep.Ranges);
        command.Parameters.AddWithValue(range);
        command.Parameters.AddWithValue(limit);
        if (after is null)
        {
            command.CommandText = Due + " ORDER BY due_at, tenant_id, order_id LIMIT $4";
        }
        else
        {
            var key = GrainKeys.ParseOrder(after.Key);
            command.Parameters.AddWithValue(after.DueAt.ToUniversalTime());
            command.Parameters.AddWithValue(key.TenantId);
            command.Parameters.AddWithValue(key.OrderId);
            command.CommandText = Due + " AND (due_at, tenant_id, order_id) > ($5, $6, $7) ORDER BY due_at, tenant_id, order_id LIMIT $4";
        }

        var due = new List<DueEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add(new DueEntry(reader.GetFieldValue<DateTimeOffset>(2), GrainKeys.Order(reader.GetString(0), reader.GetString(1))));
        }

        return due;
    }
}
