using System.Text;
using Npgsql;
using Quartermaster.Grains.Events;
using Quartermaster.Persistence.Storage.GroupCommit;

namespace Quartermaster.Persistence.Storage;

/// <summary>
/// Any state as one jsonb row per grain (tenants, API key look-ups, catalogs, transfers). Reads go straight
/// to the database; writes and clears go through the silo's group commit.
/// </summary>
internal sealed class GenericStateTable(NpgsqlDataSource database, WriteFlusher flusher)
{
    public async Task ReadAsync<T>(string grainType, string grainId, IGrainState<T> state)
    {
        await using var command = database.CreateCommand(
            "SELECT version, payload::text FROM qm_grain_state WHERE grain_type = $1 AND grain_id = $2");
        command.Parameters.AddWithValue(grainType);
        command.Parameters.AddWithValue(grainId);
        await using var reader = await command.ExecuteReaderAsync();
        if (await reader.ReadAsync())
        {
            state.State = StateJson.Deserialize<T>(reader.GetString(1));
            state.ETag = StateVersion.Format(reader.GetInt64(0));
            state.RecordExists = true;
        }
    }

    public async Task WriteAsync<T>(string grainType, string grainId, IGrainState<T> state)
    {
        var expected = StateVersion.Parse(state.ETag);
        var write = expected is null
            ? """
              INSERT INTO qm_grain_state (grain_type, grain_id, version, payload) VALUES ($1, $2, 1, $3::jsonb)
              ON CONFLICT (grain_type, grain_id) DO NOTHING
              """
            : """
              UPDATE qm_grain_state SET version = version + 1, payload = $3::jsonb, updated_at = now()
              WHERE grain_type = $1 AND grain_id = $2 AND version = $4
              """;
        var command = new NpgsqlBatchCommand(write);
        command.Parameters.AddWithValue(grainType);
        command.Parameters.AddWithValue(grainId);
        command.Parameters.AddWithValue(StateJson.Serialize(state.State));
        if (expected is not null)
        {
            command.Parameters.AddWithValue(expected.Value);
        }

        if (state.State is IWritesEvents { Unwritten: { } unwritten })
        {
            // The row count still tells the outcome: the final SELECT returns a row only if the state's row was written.
            command.Parameters.AddWithValue(unwritten.TenantId);
            var sql = new StringBuilder("WITH applied AS (").Append(write).Append(" RETURNING 1)");
            EventRows.Append(sql, command.Parameters, unwritten.Events, applied: "applied", tenant: $"${command.Parameters.Count}");
            command.CommandText = sql.Append("\nSELECT 1 FROM applied").ToString();
        }

        await flusher.WriteAsync(new StateWrite(command));
        if (command.Rows != 1)
        {
            throw StaleWrite.For(grainType, grainId, state.ETag);
        }

        state.ETag = StateVersion.Format((expected ?? 0) + 1);
        state.RecordExists = true;
    }

    public async Task ClearAsync<T>(string grainType, string grainId, IGrainState<T> state)
    {
        if (StateVersion.Parse(state.ETag) is not { } expected)
        {
            return;
        }

        var command = new NpgsqlBatchCommand("DELETE FROM qm_grain_state WHERE grain_type = $1 AND grain_id = $2 AND version = $3");
        command.Parameters.AddWithValue(grainType);
        command.Parameters.AddWithValue(grainId);
        command.Parameters.AddWithValue(expected);
        await flusher.WriteAsync(new StateWrite(command));
        if (command.Rows != 1)
        {
            throw StaleWrite.For(grainType, grainId, state.ETag);
        }

        state.ETag = null;
        state.RecordExists = false;
    }
}
