using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Imports;

namespace Quartermaster.Grains.Imports;

/// <summary>
/// Where an import's rows wait to be applied, in numbered chunks: a table on PostgreSQL, so a restarted import reads
/// them again; this process' memory in memory mode.
/// </summary>
public interface IImportRowStore
{
    /// <summary>Stored when this returns; a chunk stored again under the same number replaces it.</summary>
    Task WriteAsync(string tenantId, string importId, int chunk, IReadOnlyList<ImportRow> rows);

    /// <summary>The chunk's rows in line order, or null when there is no such chunk.</summary>
    Task<IReadOnlyList<ImportRow>?> ReadAsync(string tenantId, string importId, int chunk);

    Task DeleteAsync(string tenantId, string importId);

    /// <summary>
    /// The imports that hold rows, in key order (ordinal) after <paramref name="after"/>, each with when its last
    /// chunk was written: the running ones, files still arriving, and any whose rows a crash left behind.
    /// </summary>
    Task<IReadOnlyList<ImportWithRows>> ImportsWithRowsAsync(ImportKey? after, int limit);
}

public sealed record ImportWithRows(ImportKey Key, DateTimeOffset LastWrittenAt);
