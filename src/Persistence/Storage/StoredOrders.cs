using Npgsql;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Persistence.Storage.GroupRead;

namespace Quartermaster.Persistence.Storage;

/// <summary>An order's row as stored: its version fence and its state as JSON.</summary>
internal sealed record StoredOrder(long Version, string Payload);

/// <summary>
/// Reads order rows for activations; the reads of many activations at one moment share one statement
/// (<see cref="ReadBatcher{TKey,TRow}"/>), which matters because every new order activates once.
/// </summary>
internal sealed class StoredOrders
{
    private const string ReadMany = """
        SELECT o.tenant_id, o.order_id, o.version, o.payload::text
        FROM unnest($1::text[], $2::text[]) AS k(tenant_id, order_id)
        JOIN qm_orders o ON o.tenant_id = k.tenant_id COLLATE "C" AND o.order_id = k.order_id COLLATE "C"
        """;

    private readonly NpgsqlDataSource _database;
    private readonly ReadBatcher<OrderKey, StoredOrder> _reads;

    public StoredOrders(NpgsqlDataSource database)
    {
        _database = database;
        _reads = new ReadBatcher<OrderKey, StoredOrder>(ReadManyAsync);
    }

    public Task<StoredOrder?> ReadAsync(OrderKey key) => _reads.ReadAsync(key);

    private async Task<IReadOnlyDictionary<OrderKey, StoredOrder>> ReadManyAsync(IReadOnlyList<OrderKey> keys)
    {
        await using var command = _database.CreateCommand(ReadMany);
        command.Parameters.AddWithValue(keys.Select(k => k.TenantId).ToArray());
        command.Parameters.AddWithValue(keys.Select(k => k.OrderId).ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<OrderKey, StoredOrder>(keys.Count);
        while (await reader.ReadAsync())
        {
            rows[new OrderKey(reader.GetString(0), reader.GetString(1))] = new StoredOrder(reader.GetInt64(2), reader.GetString(3));
        }

        return rows;
    }
}
