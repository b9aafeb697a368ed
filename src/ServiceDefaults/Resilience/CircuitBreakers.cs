using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Quartermaster.ServiceDefaults.Resilience;

/// <summary>Every circuit breaker of this process, for /health and for the breaker gauges on /metrics.</summary>
public sealed class CircuitBreakers
{
    public const string MeterName = "Quartermaster.Resilience";

    private readonly ConcurrentDictionary<string, CircuitBreaker> _breakers = new(StringComparer.Ordinal);

    public CircuitBreakers(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        // Unlabelled, so it is exported (as 0) even by a process that has no breaker: alerts need no "absent" case.
        meter.CreateObservableGauge("quartermaster.circuit_breakers_open", () => _breakers.Values.Count(b => b.IsOpen),
            unit: "{breaker}", description: "Circuit breakers of this process that are open now (their store is being skipped).");
        meter.CreateObservableGauge("quartermaster.circuit_breaker_state", () => _breakers.Values
                .Select(b => new Measurement<int>(b.IsOpen ? 1 : 0, new KeyValuePair<string, object?>("store", b.Name))),
            description: "1 while the circuit breaker of the store is open, 0 while it is closed.");
    }

    public IEnumerable<CircuitBreaker> All => _breakers.Values;

    public CircuitBreaker Add(CircuitBreaker breaker) =>
        _breakers.TryAdd(breaker.Name, breaker) ? breaker : throw new InvalidOperationException($"A breaker named {breaker.Name} exists already.");
}
