using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Quartermaster.ServiceDefaults.Health;

/// <summary>Healthy when PostgreSQL answers a query, optionally one that proves a table is there.</summary>
internal sealed class PostgresHealthCheck(NpgsqlDataSource database, string query, string what) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            await using var command = database.CreateCommand(query);
            var answer = await command.ExecuteScalarAsync(timeout.Token);
            return answer is true or 1
                ? HealthCheckResult.Healthy($"{what}: PostgreSQL answers.")
                : HealthCheckResult.Unhealthy($"{what}: PostgreSQL answered, but not as expected (migrations applied?).");
        }
        catch (Exception error) when (error is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"{what}: PostgreSQL did not answer.", error);
        }
    }
}
