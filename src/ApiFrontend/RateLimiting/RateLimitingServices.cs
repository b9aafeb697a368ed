using Quartermaster.ServiceDefaults.Health;
using Quartermaster.ServiceDefaults.Hosting;

namespace Quartermaster.ApiFrontend.RateLimiting;

public static class RateLimitingServices
{
    /// <summary>Shared buckets in Redis when it is configured (every frontend sees the same), else in process.</summary>
    public static IServiceCollection AddTenantRateLimiting(this IServiceCollection services, StorageConnections connections)
    {
        services.AddSingleton<LocalTenantRateLimiter>();
        if (connections.Redis is { } redis)
        {
            services.AddRedisConnection(redis);
            services.AddSingleton<ITenantRateLimiter, RedisTenantRateLimiter>();
        }
        else
        {
            services.AddSingleton<ITenantRateLimiter>(sp => sp.GetRequiredService<LocalTenantRateLimiter>());
        }

        return services;
    }
}
