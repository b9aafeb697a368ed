using Npgsql;
using Orleans.Storage;
using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Webhooks;
using Quartermaster.Grains.Webhooks;

namespace Quartermaster.Persistence.Storage.Webhooks;

/// <summary>Deliveries and cursors in qm_webhook_deliveries and qm_webhook_cursors (migration 0009).</summary>
internal sealed class PostgresWebhookDeliveryStore(NpgsqlDataSource database, StorageFailures? failures = null)
    : IWebhookDeliveryStore, IDeliveryEngineDirectory
{
    private const string Columns =
        "event_id, event_type, status, attempts, created_at, last_attempt_at, next_attempt_at, last_status_code, last_error";

    public Task<DeliveryCursor> LoadCursorAsync(string tenantId, string endpointId, CancellationToken cancellationToken) =>
        Guard(async () =>
        {
            await using var command = database.CreateCommand(
                "SELECT taken_through, version FROM qm_webhook_cursors WHERE tenant_id = $1 AND endpoint_id = $2");
            command.Parameters.AddWithValue(tenantId);
            command.Parameters.AddWithValue(endpointId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken)
                ? new DeliveryCursor(reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetInt64(1))
                : new DeliveryCursor(null, 0);
        });

    /// <summary>One statement: the cursor's fenced update, and the deliveries only if the fence held.</summary>
    public Task<long> SaveAsync(string tenantId, string endpointId, long expectedVersion, string? takenThrough,
        IReadOnlyList<WebhookDelivery> deliveries, CancellationToken cancellationToken) =>
        Guard(async () =>
        {
            await using var command = database.CreateCommand($"""
                WITH fence AS (
                    INSERT INTO qm_webhook_cursors AS c (tenant_id, endpoint_id, taken_through, version)
                    SELECT $1, $2, $3, 1 WHERE $4 = 0
                    ON CONFLICT (tenant_id, endpoint_id) DO NOTHING
                    RETURNING version
                ), moved AS (
                    UPDATE qm_webhook_cursors SET taken_through = COALESCE($3, taken_through), version = version + 1
                    WHERE tenant_id = $1 AND endpoint_id = $2 AND version = $4 AND $4 > 0
                    RETURNING version
                ), held AS (
                    SELECT version FROM fence UNION ALL SELECT version FROM moved
                ), saved AS (
                    INSERT INTO qm_webhook_deliveries (tenant_id, endpoint_id, {Columns})
                    SELECT $1, $2, d.* FROM unnest($5::text[], $6::text[], $7::text[], $8::int[], $9::timestamptz[],
                        $10::timestamptz[], $11::timestamptz[], $12::int[], $13::text[]) AS d
                    WHERE EXISTS (SELECT 1 FROM held)
                    ON CONFLICT (tenant_id, endpoint_id, event_id) DO UPDATE SET
                        status = EXCLUDED.status, attempts = EXCLUDED.attempts, last_attempt_at = EXCLUDED.last_attempt_at,
                        next_attempt_at = EXCLUDED.next_attempt_at, last_status_code = EXCLUDED.last_status_code,
                        last_error = EXCLUDED.last_error
                )
                SELECT version FROM held
                """);
            command.Parameters.AddWithValue(tenantId);
            command.Parameters.AddWithValue(endpointId);
            command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)takenThrough ?? DBNull.Value);
            command.Parameters.AddWithValue(expectedVersion);
            command.Parameters.AddWithValue(deliveries.Select(d => d.EventId).ToArray());
            command.Parameters.AddWithValue(deliveries.Select(d => d.EventType).ToArray());
            command.Parameters.AddWithValue(deliveries.Select(d => DeliveryStatuses.Format(d.Status)).ToArray());
            command.Parameters.AddWithValue(deliveries.Select(d => d.Attempts).ToArray());
            command.Parameters.AddWithValue(deliveries.Select(d => d.CreatedAt.ToUniversalTime()).ToArray());
            command.Parameters.AddWithValue(deliveries.Select(d => d.LastAttemptAt?.ToUniversalTime()).ToArray());
            command.Parameters.AddWithValue(deliveries.Select(d => d.NextAttemptAt?.ToUniversalTime()).ToArray());
            command.Parameters.AddWithValue(deliveries.Select(d => d.LastStatusCode).ToArray());
            command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text, deliveries.Select(d => d.LastError).ToArray());
            return await command.ExecuteScalarAsync(cancellationToken) is long version
                ? version
                : throw new InconsistentStateException($"The deliveries of webhook endpoint '{endpointId}' were saved by another activation.");
        });

    public Task<IReadOnlyList<WebhookDelivery>> PendingAsync(string tenantId, string endpointId, int limit, CancellationToken cancellationToken) =>
        Guard(async () =>
        {
            await using var command = database.CreateCommand($"""
                SELECT {Columns} FROM qm_webhook_deliveries
                WHERE tenant_id = $1 AND endpoint_id = $2 AND status = 'pending'
                ORDER BY next_attempt_at, event_id LIMIT $3
                """);
            command.Parameters.AddWithValue(tenantId);
            command.Parameters.AddWithValue(endpointId);
            command.Parameters.AddWithValue(limit);
            return (IReadOnlyList<WebhookDelivery>)await ReadAsync(command, cancellationToken);
        });

    public Task<WebhookDelivery?> GetAsync(string tenantId, string endpointId, string deliveryId, CancellationToken cancellationToken) =>
        Guard(async () =>
        {
            await using var command = database.CreateCommand(
                $"SELECT {Columns} FROM qm_webhook_deliveries WHERE tenant_id = $1 AND endpoint_id = $2 AND event_id = $3");
            command.Parameters.AddWithValue(tenantId);
            command.Parameters.AddWithValue(endpointId);
            command.Parameters.AddWithValue(deliveryId);
            return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
        });

    public Task<Page<WebhookDelivery>> ListAsync(string tenantId, string endpointId, DeliveryStatus? status, string? after, int limit,
        CancellationToken cancellationToken) =>
        Guard(async () =>
        {
            await using var command = database.CreateCommand($"""
                SELECT {Columns} FROM qm_webhook_deliveries
                WHERE tenant_id = $1 AND endpoint_id = $2 AND event_id > $3 AND ($4::text IS NULL OR status = $4)
                ORDER BY event_id LIMIT $5
                """);
            command.Parameters.AddWithValue(tenantId);
            command.Parameters.AddWithValue(endpointId);
            command.Parameters.AddWithValue(after ?? string.Empty);
            command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, status is { } s ? DeliveryStatuses.Format(s) : DBNull.Value);
            command.Parameters.AddWithValue(limit + 1);
            var rows = await ReadAsync(command, cancellationToken);
            return new Page<WebhookDelivery>(rows.Take(limit).ToList(), rows.Count > limit ? rows[limit - 1].DeliveryId : null);
        });

    public Task<int> RetryFailedAsync(string tenantId, string endpointId, DateTimeOffset now, CancellationToken cancellationToken) =>
        Guard(async () =>
        {
            await using var command = database.CreateCommand("""
                UPDATE qm_webhook_deliveries SET status = 'pending', next_attempt_at = $3
                WHERE tenant_id = $1 AND endpoint_id = $2 AND status = 'failed'
                """);
            command.Parameters.AddWithValue(tenantId);
            command.Parameters.AddWithValue(endpointId);
            command.Parameters.AddWithValue(now.ToUniversalTime());
            return await command.ExecuteNonQueryAsync(cancellationToken);
        });

    public Task DeleteAsync(string tenantId, string endpointId, CancellationToken cancellationToken) =>
        Guard(async () =>
        {
            await using var command = database.CreateCommand("""
                WITH gone AS (DELETE FROM qm_webhook_deliveries WHERE tenant_id = $1 AND endpoint_id = $2)
                DELETE FROM qm_webhook_cursors WHERE tenant_id = $1 AND endpoint_id = $2
                """);
            command.Parameters.AddWithValue(tenantId);
            command.Parameters.AddWithValue(endpointId);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        });

    public Task<IReadOnlyList<WebhookEndpointKey>> EnginesAsync(CancellationToken cancellationToken) =>
        Guard(async () =>
        {
            await using var command = database.CreateCommand("SELECT tenant_id, endpoint_id FROM qm_webhook_cursors");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var engines = new List<WebhookEndpointKey>();
            while (await reader.ReadAsync(cancellationToken))
            {
                engines.Add(new WebhookEndpointKey(reader.GetString(0), reader.GetString(1)));
            }

            return (IReadOnlyList<WebhookEndpointKey>)engines;
        });

    private static async Task<List<WebhookDelivery>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<WebhookDelivery>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new WebhookDelivery(
                reader.GetString(0), reader.GetString(1), DeliveryStatuses.Parse(reader.GetString(2)), reader.GetInt32(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                reader.IsDBNull(7) ? null : reader.GetInt32(7),
                reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return rows;
    }

    private Task<T> Guard<T>(Func<Task<T>> query) => (failures ?? StorageFailures.WithoutBreaker).Guard(query);
}
