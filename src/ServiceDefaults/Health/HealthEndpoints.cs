using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartermaster.ServiceDefaults.Hosting;
using Quartermaster.ServiceDefaults.Resilience;

namespace Quartermaster.ServiceDefaults.Health;

/// <summary>/livez, /readyz and /health, the same on silos and frontends; each host adds its own ready check.</summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    /// <summary>
    /// The checks report the real backends when they are configured, and say "in-memory" when not. A silo
    /// is ready only when its storage answers (storageIsReadiness); a frontend only needs the cluster.
    /// </summary>
    public static IHealthChecksBuilder AddQuartermasterHealth(this IServiceCollection services, StorageConnections connections, bool storageIsReadiness = false)
    {
        string[] storageTags = storageIsReadiness ? [ReadyTag] : [];
        var checks = services.AddHealthChecks();
        if (connections is { Postgres: { } postgres, Redis: { } redis })
        {
            // Only if none is registered: a silo's storage registers its own, which the checks then share.
            services.TryAddSingleton(_ => NpgsqlDataSource.Create(postgres));
            services.AddRedisConnection(redis);
            checks.Add(new HealthCheckRegistration("database",
                sp => new PostgresHealthCheck(sp.GetRequiredService<NpgsqlDataSource>(), "SELECT 1", "database"), null, storageTags));
            checks.AddCheck<RedisHealthCheck>("redis", failureStatus: HealthStatus.Degraded);
            checks.Add(new HealthCheckRegistration("reminders",
                sp => new PostgresHealthCheck(sp.GetRequiredService<NpgsqlDataSource>(),
                    "SELECT to_regclass('orleans_reminders') IS NOT NULL", "reminders"), null, null));
            checks.AddCheck<DeliveriesHealthCheck>("deliveries", failureStatus: HealthStatus.Degraded);
        }
        else
        {
            checks.AddCheck("database", new InMemoryStateHealthCheck("database"))
                .AddCheck("redis", new InMemoryStateHealthCheck("redis"))
                .AddCheck("reminders", new InMemoryStateHealthCheck("reminders"));
        }

        checks.AddCheck<CircuitBreakerHealthCheck>("breakers");
        services.AddOptions<DeliveryHealthOptions>().BindConfiguration(DeliveryHealthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return checks;
    }

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        var operations = app.MapGroup(string.Empty).WithTags("Operations");
        operations.MapGet("/livez", () => TypedResults.Ok(new LiveResponse("alive"))).WithName("Livez")
            .WithSummary("Liveness: 200 while the process runs");
        operations.MapGet("/readyz", Readyz).WithName("Readyz").Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Readiness: 200 only when this process can serve");
        operations.MapGet("/health", Health).WithName("Health").Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Every health check, with the overall status");
        return app;
    }

    /// <summary>200 while this process can serve: the cluster answers.</summary>
    private static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> Readyz(
        HealthCheckService health, TimeProvider clock, CancellationToken cancellationToken) =>
        Answer(await health.CheckHealthAsync(check => check.Tags.Contains(ReadyTag), cancellationToken), clock);

    /// <summary>Every check: 200 when healthy or degraded, 503 when unhealthy.</summary>
    private static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> Health(
        HealthCheckService health, TimeProvider clock, CancellationToken cancellationToken) =>
        Answer(await health.CheckHealthAsync(cancellationToken), clock);

    private static Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>> Answer(HealthReport report, TimeProvider clock)
    {
        var body = HealthResponse.From(report, clock.GetUtcNow());
        return report.Status == HealthStatus.Unhealthy
            ? TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Ok(body);
    }
}
