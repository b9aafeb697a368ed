using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Npgsql;
using StackExchange.Redis;

namespace Quartermaster.ServiceDefaults.Resilience;

/// <summary>The breakers of the two backing stores, as keyed singletons; each probes with one cheap round trip.</summary>
public static class StoreBreakers
{
    public const string Redis = "redis";
    public const string Postgres = "postgres";

    /// <summary>Needs the process's <see cref="IConnectionMultiplexer"/> (see Health.RedisConnection).</summary>
    public static IServiceCollection AddRedisBreaker(this IServiceCollection services)
    {
        services.AddCircuitBreakers();
        services.AddKeyedSingleton(Redis, (sp, _) => sp.GetRequiredService<CircuitBreakers>().Add(new CircuitBreaker(Redis,
            async _ => await sp.GetRequiredService<IConnectionMultiplexer>().GetDatabase().PingAsync(),
            Clock(sp), sp.GetRequiredService<ILogger<CircuitBreaker>>())));
        return services;
    }

    /// <summary>
    /// Needs the process's <see cref="NpgsqlDataSource"/>. Opening drops the pool's idle connections: after a
    /// server restart every one of them is dead, and each would otherwise fail one more request when reused.
    /// </summary>
    public static IServiceCollection AddPostgresBreaker(this IServiceCollection services)
    {
        services.AddCircuitBreakers();
        services.AddKeyedSingleton(Postgres, (sp, _) =>
        {
            var database = sp.GetRequiredService<NpgsqlDataSource>();
            return sp.GetRequiredService<CircuitBreakers>().Add(new CircuitBreaker(Postgres,
                async cancellationToken =>
                {
                    await using var command = database.CreateCommand("SELECT 1");
                    await command.ExecuteScalarAsync(cancellationToken);
                },
                Clock(sp), sp.GetRequiredService<ILogger<CircuitBreaker>>(), database.Clear));
        });
        return services;
    }

    /// <summary>The registry behind /health and the gauges; a host without the telemetry setup (tests) gets one too.</summary>
    public static IServiceCollection AddCircuitBreakers(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<CircuitBreakers>();
        return services;
    }

    private static TimeProvider Clock(IServiceProvider services) => services.GetService<TimeProvider>() ?? TimeProvider.System;
}
