using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Quartermaster.Silo.Hosting;

/// <summary>Ready once this silo is an active member of the cluster; not while joining, shutting down or declared dead.</summary>
internal sealed class SiloMembershipHealthCheck(IClusterMembershipService membership, ILocalSiloDetails local) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = membership.CurrentSnapshot;
        var status = snapshot.GetSiloStatus(local.SiloAddress);
        var active = snapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"Active member; {active} active silo(s).")
            : HealthCheckResult.Unhealthy($"This silo is {status}, not an active member."));
    }
}
