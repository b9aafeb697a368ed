using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartermaster.Grains.Abstractions.Common;

namespace Quartermaster.ApiFrontend.Operations;

/// <summary>Ready when the cluster answers and has at least one active silo.</summary>
internal sealed class ClusterHealthCheck(IGrainFactory grains) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(true, cancellationToken).WaitAsync(Timeout, cancellationToken);
            return hosts.Count > 0
                ? HealthCheckResult.Healthy($"{hosts.Count} active silo(s).", new Dictionary<string, object> { ["silos"] = hosts.Count })
                : HealthCheckResult.Unhealthy("No active silo.");
        }
        catch (Exception error) when (error is GrainUnavailableException or StoreDownException)
        {
            // A silo answered, but the membership table it reads is in PostgreSQL, which is down. The frontend still
            // serves (what needs the database as 503 with Retry-After), so it stays ready rather than leave clients
            // to a load balancer with no frontend behind it.
            return HealthCheckResult.Degraded("The cluster answers, but cannot read its membership table: " + error.Message);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The cluster did not answer.", error);
        }
    }
}
