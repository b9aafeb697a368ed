using Orleans.Concurrency;

namespace Quartermaster.Grains.Abstractions.Imports;

/// <summary>
/// One import of a tenant. Key: tenantId/importId. The frontend reads and validates the file as it arrives and
/// hands the rows over in chunks (<see cref="Append"/>), then <see cref="Start"/>s it; the grain applies the rows
/// one by one through the single-item grains, records its progress, and resumes after a crash.
/// </summary>
[Alias("qm.IImportGrain")]
public interface IImportGrain : IGrainWithStringKey
{
    /// <summary>Rows per <see cref="Append"/> at most: one chunk, which the import applies and records in one step.</summary>
    public const int ChunkRows = 500;

    /// <param name="maxWarehouses">The frontend's per-tenant warehouse limit, for warehouse rows.</param>
    [Alias("Begin")]
    Task Begin(ImportKind kind, int maxWarehouses);

    /// <summary>The next rows of the file, stored before this returns, and the rows of it that failed validation.</summary>
    [Alias("Append")]
    Task Append(IReadOnlyList<ImportRow> rows, IReadOnlyList<ImportError> errors);

    /// <summary>The whole file has arrived: the import runs from here, and survives a crash of its silo.</summary>
    [Alias("Start")]
    Task<ImportView> Start(long rowsTotal);

    /// <summary>The file could not be read to its end: nothing is applied, the stored rows are dropped.</summary>
    [Alias("Abandon")]
    Task Abandon(string reason);

    /// <summary>
    /// The sweep calls this for every import that holds rows, with when its last chunk was written. A running import
    /// runs (activating it started it, on whichever silo). The rows of one that finished are deleted, and so are those
    /// of a file that never started and has not grown for <see cref="AbandonedAfter"/> (its upload died). Interleaved,
    /// so it never waits behind a chunk being applied.
    /// </summary>
    [AlwaysInterleave, Alias("Resume")]
    Task Resume(DateTimeOffset lastRowsWrittenAt);

    /// <summary>
    /// Far beyond any pause between two chunks of a live upload (the frontend hands one over every few hundred rows,
    /// and the server drops a request body that stalls), and judged by the rows' age, not by which activation
    /// answers: a call may reach a new activation while the one receiving the file still lives elsewhere.
    /// </summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(10);

    /// <summary>Null when no such import was started.</summary>
    [ReadOnly, Alias("Get")]
    Task<ImportView?> Get();
}
