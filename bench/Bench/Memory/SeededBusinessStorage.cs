using System.Globalization;
using Orleans.Serialization;
using Orleans.Storage;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Stock;

namespace Quartermaster.Bench.Memory;

/// <summary>
/// The <c>business</c> storage of the memory measurement. A stock item reads as PostgreSQL's
/// <c>StockItemTable.ReadAsync</c> would build it after one receipt: on hand 100, nothing reserved, last seq 1
/// (the ledger itself stays in the database and is not read), no active holds, ETag "1:1", the record
/// existing; the objects are new for every read, as a database read makes them, so an activation holds exactly
/// what it would in production. Reading a million rows from PostgreSQL would only cost time, not silo memory,
/// so the database is left out. Every other state (tenant,
/// catalog) is kept in <see cref="InMemoryStates"/>.
/// </summary>
internal sealed class SeededBusinessStorage(DeepCopier copier) : IGrainStorage
{
    public const long OnHand = 100;

    /// <summary>The one receipt's seq, which is also the version that <see cref="StockLevels"/> reports.</summary>
    public const long LastSeq = 1;

    private const long RowVersion = 1;
    private readonly InMemoryStates _others = new(copier);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (typeof(T) != typeof(StockItemState))
        {
            _others.Read(stateName, grainId, grainState);
            return Task.CompletedTask;
        }

        grainState.State = (T)(object)ReceivedStock();
        grainState.ETag = string.Create(CultureInfo.InvariantCulture, $"{RowVersion}:{LastSeq}");
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        EnsureNotStock<T>();
        _others.Write(stateName, grainId, grainState);
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        EnsureNotStock<T>();
        _others.Clear(stateName, grainId, grainState);
        return Task.CompletedTask;
    }

    /// <summary>The same allocations as the PostgreSQL read: the levels only (no active hold, so no map of them).</summary>
    private static StockItemState ReceivedStock() => new() { OnHand = OnHand, Reserved = 0, LastSeq = LastSeq };

    /// <summary><c>Get</c> never writes; a stock write here would mean the measurement is not measuring what it says.</summary>
    private static void EnsureNotStock<T>()
    {
        if (typeof(T) == typeof(StockItemState))
        {
            throw new NotSupportedException("The memory measurement only reads stock items.");
        }
    }
}
