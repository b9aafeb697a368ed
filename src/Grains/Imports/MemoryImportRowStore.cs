using System.Collections.Concurrent;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Imports;
using Quartermaster.Grains.Hosting;

namespace Quartermaster.Grains.Imports;

/// <summary>The memory mode's import rows: gone with the process, like everything else in that mode.</summary>
public sealed class MemoryImportRowStore([FromKeyedServices(ClockNames.Business)] TimeProvider clock) : IImportRowStore
{
    private readonly ConcurrentDictionary<(string Tenant, string Import, int Chunk), (IReadOnlyList<ImportRow> Rows, DateTimeOffset WrittenAt)> _chunks = new();

    public Task WriteAsync(string tenantId, string importId, int chunk, IReadOnlyList<ImportRow> rows)
    {
        _chunks[(tenantId, importId, chunk)] = (rows, clock.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ImportRow>?> ReadAsync(string tenantId, string importId, int chunk) =>
        Task.FromResult(_chunks.TryGetValue((tenantId, importId, chunk), out var stored) ? stored.Rows : null);

    public Task DeleteAsync(string tenantId, string importId)
    {
        foreach (var key in _chunks.Keys.Where(k => k.Tenant == tenantId && k.Import == importId))
        {
            _chunks.TryRemove(key, out _);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ImportWithRows>> ImportsWithRowsAsync(ImportKey? after, int limit)
    {
        var imports = _chunks
            .GroupBy(c => new ImportKey(c.Key.Tenant, c.Key.Import))
            .Where(g => after is not { } from || Compare(g.Key, from) > 0)
            .OrderBy(g => g.Key.TenantId, StringComparer.Ordinal).ThenBy(g => g.Key.ImportId, StringComparer.Ordinal)
            .Take(limit)
            .Select(g => new ImportWithRows(g.Key, g.Max(c => c.Value.WrittenAt)))
            .ToList();
        return Task.FromResult<IReadOnlyList<ImportWithRows>>(imports);
    }

    private static int Compare(ImportKey a, ImportKey b) =>
        string.CompareOrdinal(a.TenantId, b.TenantId) is var byTenant and not 0 ? byTenant : string.CompareOrdinal(a.ImportId, b.ImportId);
}
