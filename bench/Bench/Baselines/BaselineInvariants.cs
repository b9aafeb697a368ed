using System.Data;
using Npgsql;

namespace Quartermaster.Bench.Baselines;

/// <summary>
/// Checks one tenant's stock in one engine from a single snapshot: every item's ledger has seqs 1..last_seq with no
/// gap, replays (receipt +onHand, hold +reserved, commit -both) to every entry's "after" values and to the item's levels, keeps
/// 0 &lt;= reserved &lt;= onHand all along, and the item's active holds add up to its reserved.
/// </summary>
internal static class BaselineInvariants
{
    private const int MaxReported = 1000;

    public static async Task<BaselineInvariantReport> CheckAsync(BaselineStore store, string tenantId, CancellationToken cancellationToken)
    {
        var t = store.Tables;
        await using var connection = await store.OpenAsync(cancellationToken);

        // One snapshot for both reads, so writes going on meanwhile cannot look like violations.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var items = await ReadItemsAsync(connection, t, tenantId, cancellationToken);
        var violations = new List<string>();
        await ReplayLedgerAsync(connection, t, tenantId, items, violations, cancellationToken);
        foreach (var (key, item) in items)
        {
            item.Finish(key, violations);
        }

        await transaction.CommitAsync(cancellationToken);
        var reported = violations.Take(MaxReported).ToList();
        if (violations.Count > MaxReported)
        {
            reported.Add($"... and {violations.Count - MaxReported} more");
        }

        return new BaselineInvariantReport(items.Count, reported);
    }

    private static async Task<Dictionary<string, ItemAudit>> ReadItemsAsync(
        NpgsqlConnection connection, BaselineTables t, string tenantId, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT i.sku, i.warehouse_id, i.on_hand, i.reserved, i.last_seq,
                   COALESCE((SELECT sum(h.quantity) FROM {t.Holds} h
                             WHERE h.tenant_id = i.tenant_id AND h.sku = i.sku AND h.warehouse_id = i.warehouse_id
                               AND h.status = '{BaselineValues.ActiveHold}'), 0)::bigint
            FROM {t.Items} i WHERE i.tenant_id = $1
            """;
        var items = new Dictionary<string, ItemAudit>(StringComparer.Ordinal);
        await using var command = BaselineSql.Command(connection, sql, tenantId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items[$"{reader.GetString(0)}/{reader.GetString(1)}"] =
                new ItemAudit(reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
        }

        return items;
    }

    private static async Task ReplayLedgerAsync(
        NpgsqlConnection connection, BaselineTables t, string tenantId, Dictionary<string, ItemAudit> items, List<string> violations,
        CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT sku, warehouse_id, seq, entry_type, quantity, on_hand_after, reserved_after
            FROM {t.Ledger} WHERE tenant_id = $1 ORDER BY sku, warehouse_id, seq
            """;
        await using var command = BaselineSql.Command(connection, sql, tenantId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = $"{reader.GetString(0)}/{reader.GetString(1)}";
            if (!items.TryGetValue(key, out var item))
            {
                violations.Add($"{key}: ledger seq {reader.GetInt64(2)} belongs to no stock item");
                continue;
            }

            item.Replay(key, reader.GetInt64(2), reader.GetString(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), violations);
        }
    }

    /// <summary>One item's stored levels and the running replay of its ledger.</summary>
    private sealed class ItemAudit(long onHand, long reserved, long lastSeq, long activeHolds)
    {
        private long _entries;
        private long _onHand;
        private long _reserved;

        public void Replay(string key, long seq, string type, long quantity, long onHandAfter, long reservedAfter, List<string> violations)
        {
            _entries++;
            if (seq != _entries)
            {
                violations.Add($"{key}: ledger seq {seq} at position {_entries} (gap or duplicate)");
            }

            switch (type)
            {
                case BaselineValues.Receipt:
                    _onHand += quantity;
                    break;
                case BaselineValues.Hold:
                    _reserved += quantity;
                    break;
                case BaselineValues.Commit:
                    _onHand -= quantity;
                    _reserved -= quantity;
                    break;
                default:
                    violations.Add($"{key}: seq {seq} has entry type '{type}', which no baseline writes");
                    break;
            }

            if (_onHand != onHandAfter || _reserved != reservedAfter)
            {
                violations.Add($"{key}: seq {seq} replays to {_onHand}/{_reserved} but says {onHandAfter}/{reservedAfter} (onHand/reserved)");
            }

            if (_reserved < 0 || _reserved > _onHand)
            {
                violations.Add($"{key}: at seq {seq} reserved {_reserved} is outside 0..onHand {_onHand}");
            }
        }

        public void Finish(string key, List<string> violations)
        {
            if (_entries != lastSeq)
            {
                violations.Add($"{key}: last_seq is {lastSeq} but the ledger has {_entries} entries");
            }

            if (_onHand != onHand || _reserved != reserved)
            {
                violations.Add($"{key}: the ledger replays to {_onHand}/{_reserved} but the item is {onHand}/{reserved} (onHand/reserved)");
            }

            if (reserved < 0 || reserved > onHand)
            {
                violations.Add($"{key}: reserved {reserved} is outside 0..onHand {onHand}");
            }

            if (activeHolds != reserved)
            {
                violations.Add($"{key}: active holds add up to {activeHolds} but reserved is {reserved}");
            }
        }
    }
}
