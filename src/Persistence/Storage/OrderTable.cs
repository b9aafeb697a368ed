using System.Text;
using Npgsql;
using NpgsqlTypes;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Orders;
using Quartermaster.Persistence.Storage.GroupCommit;

namespace Quartermaster.Persistence.Storage;

/// <summary>
/// An order as a row whose listed columns (status, customer, times) feed GET /orders, whose target and due_at
/// columns are the sweep's due index, plus the full state; a write that finishes a transition also inserts its
/// event, in the same statement. Reads of many activations share a statement; writes go through the silo's group
/// commit.
/// </summary>
internal sealed class OrderTable(StoredOrders stored, WriteFlusher flusher) : IStateTable<OrderState>
{
    public async Task ReadAsync(string grainType, string grainId, IGrainState<OrderState> state)
    {
        if (await stored.ReadAsync(GrainKeys.ParseOrder(grainId)) is { } row)
        {
            state.State = StateJson.Deserialize<OrderState>(row.Payload);
            state.ETag = StateVersion.Format(row.Version);
            state.RecordExists = true;
        }
    }

    public async Task WriteAsync(string grainType, string grainId, IGrainState<OrderState> state)
    {
        var key = GrainKeys.ParseOrder(grainId);
        var order = state.State!;
        var expected = StateVersion.Parse(state.ETag);
        var command = new NpgsqlBatchCommand();
        var write = expected is null
            ? """
              INSERT INTO qm_orders (tenant_id, order_id, status, customer_ref, created_at, updated_at, expires_at, payload, version, target, due_at)
              VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, 1, $9, $10) ON CONFLICT DO NOTHING
              """
            : """
              UPDATE qm_orders SET status = $3, customer_ref = $4, created_at = $5, updated_at = $6, expires_at = $7,
                  payload = $8::jsonb, version = version + 1, target = $9, due_at = $10
              WHERE tenant_id = $1 AND order_id = $2 AND version = $11
              """;
        command.Parameters.AddWithValue(key.TenantId);
        command.Parameters.AddWithValue(key.OrderId);
        command.Parameters.AddWithValue(OrderStatuses.Name(order.Status) is { } status ? status : DBNull.Value);
        command.Parameters.AddWithValue(order.CustomerRef is { } customer ? customer : DBNull.Value);
        command.Parameters.AddWithValue(order.CreatedAt.ToUniversalTime());
        command.Parameters.AddWithValue(order.UpdatedAt.ToUniversalTime());
        command.Parameters.AddWithValue(order.ExpiresAt is { } expires ? expires.ToUniversalTime() : DBNull.Value);
        command.Parameters.AddWithValue(StateJson.Serialize(order));
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)OrderStatuses.Name(order.Target) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = order.DueAt is { } due ? due.ToUniversalTime() : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        if (expected is not null)
        {
            command.Parameters.AddWithValue(expected.Value);
        }

        if (order.HasUnwrittenEvents())
        {
            // The row count still tells the outcome: the final SELECT returns the order's row only if it was written.
            var sql = new StringBuilder("WITH applied AS (").Append(write).Append(" RETURNING 1)");
            EventRows.Append(sql, command.Parameters, order.UnwrittenEvents(), applied: "applied");
            command.CommandText = sql.Append("\nSELECT 1 FROM applied").ToString();
        }
        else
        {
            command.CommandText = write;
        }

        await flusher.WriteAsync(new StateWrite(command));
        if (command.Rows != 1)
        {
            throw StaleWrite.For(grainType, grainId, state.ETag);
        }

        state.ETag = StateVersion.Format((expected ?? 0) + 1);
        state.RecordExists = true;
    }

    /// <summary>Orders are never deleted; a refused placement is kept as a row with no status.</summary>
    public Task ClearAsync(string grainType, string grainId, IGrainState<OrderState> state) =>
        throw new NotSupportedException("Orders are never cleared.");
}
