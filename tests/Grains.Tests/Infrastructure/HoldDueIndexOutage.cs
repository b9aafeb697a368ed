using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Orders;
using Quartermaster.Grains.Stock;

namespace Quartermaster.Grains.Tests.Infrastructure;

/// <summary>
/// The real in-memory hold due index, except that telling it about a stock item of a tenant whose id starts
/// with <see cref="TenantPrefix"/> fails, as a due index whose store is down would: the other tests' tenants
/// are untouched.
/// </summary>
public sealed class HoldDueIndexOutage(IGrainFactory grains) : IHoldDueIndex
{
    public const string TenantPrefix = "due-index-down";

    private readonly MemoryHoldDueIndex _inner = new(grains);

    public Task RecordAsync(string itemKey, DateTimeOffset? nextExpiry) =>
        GrainKeys.ParseStockItem(itemKey).TenantId.StartsWith(TenantPrefix, StringComparison.Ordinal)
            ? Task.FromException(new InvalidOperationException("The hold due index is down (test outage)."))
            : _inner.RecordAsync(itemKey, nextExpiry);

    public Task<IReadOnlyList<DueEntry>> DueAsync(int range, DateTimeOffset now, DueEntry? after, int limit, CancellationToken cancellationToken) =>
        _inner.DueAsync(range, now, after, limit, cancellationToken);
}
