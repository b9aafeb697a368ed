using Npgsql;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Stock;

namespace Quartermaster.Persistence.Storage;

/// <summary>Builds stock records from rows read in the column order the stock queries select.</summary>
internal static class StockRows
{
    /// <summary>
    /// Columns from <paramref name="first"/> on: seq, movement_id, entry_type, quantity, on_hand_after,
    /// reserved_after, at, reason, ref.
    /// </summary>
    public static LedgerEntry LedgerEntry(NpgsqlDataReader reader, int first = 0) => new(
        reader.GetInt64(first), reader.GetString(first + 1), LedgerEntryTypes.Parse(reader.GetString(first + 2)), reader.GetInt64(first + 3),
        reader.GetInt64(first + 4), reader.GetInt64(first + 5), reader.GetFieldValue<DateTimeOffset>(first + 6),
        reader.IsDBNull(first + 7) ? null : reader.GetString(first + 7), reader.IsDBNull(first + 8) ? null : reader.GetString(first + 8));

    /// <summary>Columns: hold_id, quantity, expires_at, status, ref.</summary>
    public static HoldRecord Hold(NpgsqlDataReader reader) => new()
    {
        Quantity = reader.GetInt64(1),
        ExpiresAt = reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2),
        Status = HoldStatuses.Parse(reader.GetString(3)),
        Ref = reader.IsDBNull(4) ? null : reader.GetString(4),
    };
}
