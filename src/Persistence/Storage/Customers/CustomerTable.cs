using System.Text;
using Npgsql;
using NpgsqlTypes;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Customers;
using Quartermaster.Grains.Search;
using Quartermaster.Persistence.Storage.GroupCommit;

namespace Quartermaster.Persistence.Storage.Customers;

/// <summary>
/// A customer as a row of qm_customers whose columns are the customer list (no copy of the state beside them, so an
/// erasure that empties them leaves nothing personal behind); its customer.updated event is inserted in the same
/// statement (and listed in qm_customer_events); erasing the row strips the personal fields from the customer's
/// earlier events, by a trigger on the row (0015).
/// Writes go through the silo's group commit.
/// </summary>
internal sealed class CustomerTable(NpgsqlDataSource database, WriteFlusher flusher) : IStateTable<CustomerState>
{
    public async Task ReadAsync(string grainType, string grainId, IGrainState<CustomerState> state)
    {
        var key = GrainKeys.ParseCustomer(grainId);
        await using var command = database.CreateCommand(
            $"SELECT {CustomerColumns.Select}, erased_at FROM qm_customers WHERE tenant_id = $1 AND customer_ref = $2");
        command.Parameters.AddWithValue(key.TenantId);
        command.Parameters.AddWithValue(key.CustomerRef);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return;
        }

        var erased = !reader.IsDBNull(9);
        state.State = new CustomerState
        {
            Customer = erased ? null : CustomerColumns.Read(reader),
            Version = reader.GetInt64(1),
            ErasedAt = erased ? reader.GetFieldValue<DateTimeOffset>(9) : null,
        };
        state.ETag = StateVersion.Format(state.State.Version);
        state.RecordExists = true;
    }

    public async Task WriteAsync(string grainType, string grainId, IGrainState<CustomerState> state)
    {
        var key = GrainKeys.ParseCustomer(grainId);
        var stored = state.State!;
        var customer = stored.Customer;
        var expected = StateVersion.Parse(state.ETag);
        var write = expected is null
            ? """
              INSERT INTO qm_customers (tenant_id, customer_ref, version, status, name, email, phone, attributes, name_words, created_at, updated_at, erased_at)
              VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12) ON CONFLICT DO NOTHING
              """
            : """
              UPDATE qm_customers SET version = $3, status = $4, name = $5, email = $6, phone = $7, attributes = $8::jsonb,
                  name_words = $9, created_at = $10, updated_at = $11, erased_at = $12
              WHERE tenant_id = $1 AND customer_ref = $2 AND version = $13
              """;
        var command = new NpgsqlBatchCommand();
        command.Parameters.AddWithValue(key.TenantId);
        command.Parameters.AddWithValue(key.CustomerRef);
        command.Parameters.AddWithValue(stored.Version);
        command.Parameters.Add(Text(customer is null ? null : CustomerColumns.StatusName(customer.Fields.Status)));
        command.Parameters.Add(Text(customer?.Fields.Name));
        command.Parameters.Add(Text(customer?.Fields.Email));
        command.Parameters.Add(Text(customer?.Fields.Phone));
        command.Parameters.Add(Text(customer is null ? null : CustomerColumns.Attributes(customer.Fields)));
        command.Parameters.Add(Text(customer is null ? null : SearchText.NameWords(customer.Fields.Name)));
        command.Parameters.Add(Time(customer?.CreatedAt));
        command.Parameters.Add(Time(customer?.UpdatedAt ?? stored.ErasedAt));
        command.Parameters.Add(Time(customer is null ? stored.ErasedAt : null));
        if (expected is not null)
        {
            command.Parameters.AddWithValue(expected.Value);
        }

        if (stored.Unwritten is { } unwritten)
        {
            // The row count still tells the outcome: the final SELECT returns a row only if the customer's row was written.
            var sql = new StringBuilder("WITH applied AS (").Append(write).Append(" RETURNING 1)");
            EventRows.Append(sql, command.Parameters, unwritten.Events, applied: "applied", returningKeys: true);
            // Where the customer's events are: an erasure's statement strips their personal fields through them, by the
            // trigger qm_customer_erased (0015), which runs whichever release writes the erasure.
            sql.Append("""
                , listed AS (
                    INSERT INTO qm_customer_events (tenant_id, customer_ref, commit_id, event_seq, created_at)
                    SELECT $1, $2, commit_id, event_seq, created_at FROM events)
                """);
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

        state.ETag = StateVersion.Format(stored.Version);
        state.RecordExists = true;
    }

    /// <summary>Customers are erased by a write that empties their row, never deleted.</summary>
    public Task ClearAsync(string grainType, string grainId, IGrainState<CustomerState> state) =>
        throw new NotSupportedException("Customers are never cleared; erasure is a write.");

    private static NpgsqlParameter Text(object? value) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    private static NpgsqlParameter Time(DateTimeOffset? value) =>
        new() { Value = value is { } at ? at.ToUniversalTime() : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz };
}
