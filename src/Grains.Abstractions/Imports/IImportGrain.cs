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
    /// The sweep calls this for every import that holds rows. A running import runs (activating it started it, on
    /// whichever silo); the rows of one that finished, or whose file stopped arriving with the activation that was
    /// receiving it, are deleted. Interleaved, so it never waits behind a chunk being applied; it only reads the status,
    /// and deletes rows only of an import that is not running and not receiving here.
    /// </summary>
    [AlwaysInterleave, Alias("Resume")]
    Task Resume();

    /// <summary>Null when no such import was started.</summary>
    [ReadOnly, Alias("Get")]
    Task<ImportView?> Get();
}
