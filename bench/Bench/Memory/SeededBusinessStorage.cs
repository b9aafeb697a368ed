using System.Globalization;
using Orleans.Serialization;
using Orleans.Storage;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Stock;

namespace Quartermaster.Bench.Memory;

/// <summary>
/// The <c>business</c> storage of the memory measurement. A stock item reads as PostgreSQL's
/// <c>StockItemTable.ReadAsync</c> would build it after one receipt: on hand 100, nothing reserved, one receipt
/// ledger entry, no holds, ETag "1:1", the record existing; the objects are new for every read, as a database
/// read makes them, so an activation holds exactly what it would in production. Reading a million rows from
/// PostgreSQL would only cost time, not silo memory, so the database is left out. Every other state (tenant,
/// catalog) is kept in a dictionary, copied in and out and written conditionally on its ETag, as the real tables are.
/// </summary>
internal sealed class SeededBusinessStorage(DeepCopier copier) : IGrainStorage
{
    public const long OnHand = 100;
    public const long Version = 1;
    private const long ReceiptSeq = 1;

    private static readonly DateTimeOffset ReceivedAt = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<(string StateName, GrainId GrainId), (object State, string ETag)> _rows = [];

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (typeof(T) == typeof(StockItemState))
        {
            grainState.State = (T)(object)ReceivedStock();
            grainState.ETag = string.Create(CultureInfo.InvariantCulture, $"{Version}:{ReceiptSeq}");
            grainState.RecordExists = true;
            return Task.CompletedTask;
        }

        lock (_rows)
        {
            if (_rows.TryGetValue((stateName, grainId), out var row))
            {
                grainState.State = copier.Copy((T)row.State);
                grainState.ETag = row.ETag;
                grainState.RecordExists = true;
            }
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        EnsureNotStock<T>();
        lock (_rows)
        {
            var version = CheckETag(stateName, grainId, grainState.ETag) + 1;
            var etag = version.ToString(CultureInfo.InvariantCulture);
            _rows[(stateName, grainId)] = (copier.Copy(grainState.State)!, etag);
            grainState.ETag = etag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        EnsureNotStock<T>();
        lock (_rows)
        {
            CheckETag(stateName, grainId, grainState.ETag);
            _rows.Remove((stateName, grainId));
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    /// <summary>The same allocations as the PostgreSQL read: a list grown by Add, an empty hold map, fresh strings.</summary>
    private static StockItemState ReceivedStock()
    {
        var stock = new StockItemState { OnHand = OnHand, Reserved = 0 };
        stock.Holds = new Dictionary<string, HoldRecord>(StringComparer.Ordinal);
#pragma warning disable IDE0028 // A database read grows the list one row at a time; a collection expression would size it exactly.
        var ledger = new List<LedgerEntry>();
#pragma warning restore IDE0028
        ledger.Add(new LedgerEntry(ReceiptSeq, string.Create(CultureInfo.InvariantCulture, $"seed-{ReceiptSeq}"), LedgerEntryType.Receipt,
            OnHand, OnHand, 0, ReceivedAt, null, null));
        stock.Ledger = ledger;
        return stock;
    }

    /// <summary>The stored version, or 0 if nothing is stored; a write from a stale copy is refused, as in PostgreSQL.</summary>
    private long CheckETag(string stateName, GrainId grainId, string? etag)
    {
        var stored = _rows.TryGetValue((stateName, grainId), out var row) ? row.ETag : null;
        return stored == etag
            ? stored is null ? 0 : long.Parse(stored, CultureInfo.InvariantCulture)
            : throw new InconsistentStateException($"{grainId}/{stateName}: stored ETag '{stored}', written from '{etag}'.", stored, etag);
    }

    /// <summary><c>Get</c> never writes; a stock write here would mean the measurement is not measuring what it says.</summary>
    private static void EnsureNotStock<T>()
    {
        if (typeof(T) == typeof(StockItemState))
        {
            throw new NotSupportedException("The memory measurement only reads stock items.");
        }
    }
}
