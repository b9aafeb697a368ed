using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartermaster.Grains.Abstractions.Tenants;
using Quartermaster.Grains.Hosting;

namespace Quartermaster.Grains.Stock.LowStock;

/// <summary>
/// The tenants' thresholds for this silo's stock items, read from each tenant's grain at most once per
/// <see cref="Freshness"/>, so a write batch does not cost a grain call. A change reaches this silo within that
/// time, and at once through <see cref="Learn"/>: the tenant's grain tells every silo when the threshold changes. When the tenant's grain is slow to answer (its silo frozen
/// or gone), a value read before is used after <see cref="Patience"/>: one silo's trouble must not hold up the
/// stock writes of items that live elsewhere. Only a silo that never read the tenant waits for the answer.
/// </summary>
internal sealed partial class TenantThresholds(
    IGrainFactory grains,
    [FromKeyedServices(ClockNames.Business)] TimeProvider clock,
    ILogger<TenantThresholds> logger) : ITenantThresholds
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Known> _known = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<long>> _reading = new(StringComparer.Ordinal);

    public ValueTask<long> GetAsync(string tenantId)
    {
        var now = clock.GetUtcNow();
        var known = _known.TryGetValue(tenantId, out var entry) ? entry : null;
        return known is not null && known.ReadAt + Freshness > now
            ? ValueTask.FromResult(known.Threshold)
            : new ValueTask<long>(ReadAsync(tenantId, known));
    }

    public void Learn(string tenantId, long threshold, long version) => Keep(tenantId, new Known(threshold, version, clock.GetUtcNow()));

    private void Keep(string tenantId, Known learnt) =>
        _known.AddOrUpdate(tenantId, learnt, (_, known) => known.Version > learnt.Version ? known with { ReadAt = learnt.ReadAt } : learnt);

    private async Task<long> ReadAsync(string tenantId, Known? known)
    {
        // Off the calling grain's scheduler: the read is shared by every item of the tenant on this silo, and must
        // not depend on the activation that happened to start it.
        var reading = _reading.GetOrAdd(tenantId, id => Task.Run(() => ReadFromGrainAsync(id)));
        if (reading.IsCompleted)
        {
            _reading.TryRemove(KeyValuePair.Create(tenantId, reading));
        }

        if (known is null)
        {
            return await reading;
        }

        try
        {
            return await reading.WaitAsync(Patience, clock);
        }
        catch (Exception error)
        {
            LogServedKnown(error, tenantId, known.Threshold, known.ReadAt);
            return known.Threshold;
        }
    }

    private async Task<long> ReadFromGrainAsync(string tenantId)
    {
        try
        {
            var readAt = clock.GetUtcNow();
            var view = await grains.GetGrain<ITenantGrain>(tenantId).Get();
            Keep(tenantId, new Known(view?.Settings.LowStockThreshold ?? 0, view?.Version ?? 0, readAt));
            return _known[tenantId].Threshold;
        }
        finally
        {
            _reading.TryRemove(tenantId, out _);
        }
    }

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning,
        Message = "Tenant {TenantId}: its grain did not tell the low-stock threshold in time; using {Threshold}, read {ReadAt:O}")]
    private partial void LogServedKnown(Exception error, string tenantId, long threshold, DateTimeOffset readAt);

    private sealed record Known(long Threshold, long Version, DateTimeOffset ReadAt);
}
