using System.Collections.Concurrent;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Imports;

namespace Quartermaster.Grains.Imports;

/// <summary>The memory mode's import rows: gone with the process, like everything else in that mode.</summary>
public sealed class MemoryImportRowStore : IImportRowStore
{
    private readonly ConcurrentDictionary<(string Tenant, string Import, int Chunk), IReadOnlyList<ImportRow>> _chunks = new();

    public Task WriteAsync(string tenantId, string importId, int chunk, IReadOnlyList<ImportRow> rows)
    {
        _chunks[(tenantId, importId, chunk)] = rows;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ImportRow>?> ReadAsync(string tenantId, string importId, int chunk) =>
        Task.FromResult(_chunks.GetValueOrDefault((tenantId, importId, chunk)));

    public Task DeleteAsync(string tenantId, string importId)
    {
        foreach (var key in _chunks.Keys.Where(k => k.Tenant == tenantId && k.Import == importId))
        {
            _chunks.TryRemove(key, out _);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ImportKey>> ImportsWithRowsAsync(ImportKey? after, int limit)
    {
        var imports = _chunks.Keys
            .Select(k => new ImportKey(k.Tenant, k.Import))
            .Distinct()
            .Where(k => after is not { } from || Compare(k, from) > 0)
            .OrderBy(k => k.TenantId, StringComparer.Ordinal).ThenBy(k => k.ImportId, StringComparer.Ordinal)
            .Take(limit)
            .ToList();
        return Task.FromResult<IReadOnlyList<ImportKey>>(imports);
    }

    private static int Compare(ImportKey a, ImportKey b) =>
        string.CompareOrdinal(a.TenantId, b.TenantId) is var byTenant and not 0 ? byTenant : string.CompareOrdinal(a.ImportId, b.ImportId);
}
