using Quartermaster.ServiceDefaults.Health;
using Quartermaster.ServiceDefaults.Hosting;
using Quartermaster.ServiceDefaults.Resilience;

namespace Quartermaster.ApiFrontend.RateLimiting;

public static class RateLimitingServices
{
    /// <summary>Shared buckets in Redis when it is configured (every frontend sees the same), else in process.</summary>
    public static IServiceCollection AddTenantRateLimiting(this IServiceCollection services, StorageConnections connections)
    {
        services.AddOptions<UnauthenticatedRateLimitOptions>().BindConfiguration(UnauthenticatedRateLimitOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => TrustedForwardedHeaders.AreValid(o.TrustedProxies), "TrustedProxies must be CIDR networks such as 10.0.0.0/8.")
            .ValidateOnStart();
        services.AddSingleton<LocalTenantRateLimiter>();
        if (connections.Redis is { } redis)
        {
            services.AddRedisConnection(redis);
            services.AddRedisBreaker();
            services.AddSingleton<ITenantRateLimiter, RedisTenantRateLimiter>();
        }
        else
        {
            services.AddSingleton<ITenantRateLimiter>(sp => sp.GetRequiredService<LocalTenantRateLimiter>());
        }

        return services;
    }
}
