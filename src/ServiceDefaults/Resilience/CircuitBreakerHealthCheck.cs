using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Quartermaster.ServiceDefaults.Resilience;

/// <summary>Degraded while any breaker is open: the process serves, but without the store it skips.</summary>
internal sealed class CircuitBreakerHealthCheck(CircuitBreakers breakers) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var open = breakers.All.Where(b => b.IsOpen).Select(b => b.Name).Order(StringComparer.Ordinal).ToList();
        return Task.FromResult(open.Count == 0
            ? HealthCheckResult.Healthy("Every circuit breaker is closed.")
            : HealthCheckResult.Degraded($"Circuit breaker open (store skipped until it answers): {string.Join(", ", open)}."));
    }
}
