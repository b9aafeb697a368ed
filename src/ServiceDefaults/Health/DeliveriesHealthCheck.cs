using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Quartermaster.ServiceDefaults.Health;

/// <summary>The age of the oldest pending webhook delivery of every tenant, from qm_webhook_deliveries.</summary>
internal sealed class DeliveriesHealthCheck(NpgsqlDataSource database, IOptions<DeliveryHealthOptions> options) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            await using var command = database.CreateCommand(
                "SELECT extract(epoch FROM now() - min(created_at))::float8 FROM qm_webhook_deliveries WHERE status = 'pending'");
            var seconds = await command.ExecuteScalarAsync(timeout.Token);
            return DeliveryHealthOptions.Judge(seconds is double s ? TimeSpan.FromSeconds(Math.Max(0, s)) : null, options.Value.DegradedAfter);
        }
        catch (Exception error) when (error is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            return HealthCheckResult.Degraded("deliveries: PostgreSQL did not answer.", error);
        }
    }
}
