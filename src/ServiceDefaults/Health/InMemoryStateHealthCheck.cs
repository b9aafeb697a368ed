using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Quartermaster.ServiceDefaults.Health;

/// <summary>
/// Embedded development mode keeps state in silo memory: there is no server to be down, and the check says
/// so rather than pretending to have probed one.
/// </summary>
internal sealed class InMemoryStateHealthCheck(string what) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthCheckResult.Healthy($"{what}: in-memory (development mode, not durable).",
            new Dictionary<string, object> { ["mode"] = "in_memory" }));
}
