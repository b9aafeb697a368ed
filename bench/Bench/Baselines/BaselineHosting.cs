using Quartermaster.Persistence.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Quartermaster.ApiFrontend.Hosting;
using StackExchange.Redis;

namespace Quartermaster.Bench.Baselines;

/// <summary>
/// Plugs the two baseline stock engines (redis-lock, sql-update) into the benchmark's host, behind the same HTTP
/// pipeline as the real API: services, their tables, and their routes under <c>/baseline/{engine}</c>.
/// </summary>
public static class BaselineHosting
{
    /// <summary>
    /// Registers both engines with a PostgreSQL pool of their own; Redis through the host's
    /// <see cref="IConnectionMultiplexer"/> when one is registered, else a connection of their own to <paramref name="redis"/>.
    /// </summary>
    public static IServiceCollection AddBaselines(this IServiceCollection services, string postgres, string redis)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(postgres);
        ArgumentException.ThrowIfNullOrWhiteSpace(redis);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new BaselineDatabase(PostgresDataSource.Create(postgres)));
        services.AddSingleton(sp => BaselineRedis.Create(sp.GetService<IConnectionMultiplexer>(), redis));
        services.AddSingleton<RedisLock>();
        services.AddSingleton<RedisLockEngine>();
        services.AddSingleton<ConditionalUpdateEngine>();
        services.AddSingleton<BaselineEngines>();
        return services;
    }

    /// <summary>Creates the schemas <c>baseline_redis_lock</c> and <c>baseline_sql_update</c> (identical tables) if missing, and connects to Redis.</summary>
    public static async Task PrepareBaselinesAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        var engines = services.GetRequiredService<BaselineEngines>();
        var database = services.GetRequiredService<BaselineDatabase>();
        await BaselineSchema.CreateAsync(database.DataSource, engines.All.Select(e => e.Store.Tables), cancellationToken);

        // Connect now, so the first lock of the benchmark does not pay for it.
        await services.GetRequiredService<BaselineRedis>().Database.PingAsync();
    }

    /// <summary>
    /// Maps, per engine, the stock, hold and order routes under <c>/baseline/{engine}/api/v1</c> and
    /// <c>GET /baseline/{engine}/invariants</c>, each in a tenant group (API key, rate limit, retry) like the real API.
    /// They are left out of the OpenAPI document: they are a benchmark's yardstick, not part of the contract.
    /// </summary>
    public static IEndpointRouteBuilder MapBaselines(this IEndpointRouteBuilder app)
    {
        foreach (var engine in BaselineEngines.Names)
        {
            app.MapTenantGroup($"/baseline/{engine}/api/v1")
                .AddEndpointFilter<LockTimeoutFilter>()
                .ExcludeFromDescription()
                .MapBaselineApi(engine);
            app.MapTenantGroup($"/baseline/{engine}")
                .ExcludeFromDescription()
                .MapBaselineInvariants(engine);
        }

        return app;
    }
}
