using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Quartermaster.Grains.Webhooks;
using Quartermaster.ServiceDefaults.Health;

namespace Quartermaster.ApiFrontend.Hosting;

/// <summary>The embedded mode's <c>deliveries</c> check: its one silo's delivery engines are in this process.</summary>
internal sealed class EmbeddedDeliveriesHealthCheck(DeliveryBacklog backlog, IOptions<DeliveryHealthOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(DeliveryHealthOptions.Judge(backlog.OldestPendingAge, options.Value.DegradedAfter));
}
