using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace Quartermaster.ServiceDefaults.Health;

public static class RedisConnection
{
    /// <summary>
    /// The process's one Redis connection (health check, rate limiter). It never blocks start-up and
    /// answers quickly when Redis is gone: callers fall back rather than wait.
    /// </summary>
    public static IServiceCollection AddRedisConnection(this IServiceCollection services, string configuration)
    {
        services.TryAddSingleton<IConnectionMultiplexer>(_ =>
        {
            var options = ConfigurationOptions.Parse(configuration);
            options.AbortOnConnectFail = false;
            options.ConnectTimeout = 1000;
            options.AsyncTimeout = 500;
            return ConnectionMultiplexer.Connect(options);
        });
        return services;
    }
}
