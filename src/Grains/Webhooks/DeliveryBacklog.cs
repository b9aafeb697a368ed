using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Quartermaster.Grains.Hosting;
using Quartermaster.Grains.Telemetry;

namespace Quartermaster.Grains.Webhooks;

/// <summary>
/// What the delivery engines on this silo hold pending, published as gauges (Prometheus sums the silos) and
/// read by the <c>deliveries</c> health check. Each engine reports after every tick.
/// </summary>
public sealed class DeliveryBacklog : IDisposable
{
    private readonly ConcurrentDictionary<string, (int Pending, DateTimeOffset? Oldest)> _engines = new(StringComparer.Ordinal);
    private readonly Meter _meter = new(QuartermasterMetrics.MeterName);
    private readonly TimeProvider _clock;

    public DeliveryBacklog([FromKeyedServices(ClockNames.Business)] TimeProvider clock)
    {
        _clock = clock;
        _meter.CreateObservableGauge("quartermaster.webhook_backlog", () => Pending, unit: "{delivery}",
            description: "Webhook deliveries pending (not yet succeeded, not failed) on this silo's delivery engines.");
        _meter.CreateObservableGauge("quartermaster.webhook_oldest_pending_age", () => OldestPendingAge?.TotalSeconds ?? 0, unit: "s",
            description: "Age of the oldest pending webhook delivery's event on this silo, 0 when none is pending.");
    }

    public void Report(string engine, int pending, DateTimeOffset? oldestPending) => _engines[engine] = (pending, oldestPending);

    public void Forget(string engine) => _engines.TryRemove(engine, out _);

    public long Pending => _engines.Values.Sum(e => (long)e.Pending);

    /// <summary>How long ago the oldest pending delivery's event happened, or null when nothing is pending.</summary>
    public TimeSpan? OldestPendingAge =>
        _engines.Values.Select(e => e.Oldest).Where(o => o is not null).Min() is { } oldest
            ? TimeSpan.FromTicks(Math.Max(0, (_clock.GetUtcNow() - oldest).Ticks))
            : null;

    public void Dispose() => _meter.Dispose();
}
