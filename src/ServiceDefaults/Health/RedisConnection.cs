using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace Quartermaster.ServiceDefaults.Health;

public static class RedisConnection
{
    /// <summary>
    /// The process's one Redis connection of its own (health check, rate limiter, the Redis breaker's probe).
    /// It never blocks start-up and answers quickly when Redis is gone: callers fall back rather than wait.
    /// </summary>
    public static IServiceCollection AddRedisConnection(this IServiceCollection services, string configuration)
    {
        services.TryAddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(Options(configuration)));
        return services;
    }

    /// <summary>
    /// The client settings every Redis connection of this service ships with (the silo's idempotency storage too).
    /// Redis answers in well under a millisecond, so a command unanswered after 500 ms means Redis is gone or
    /// frozen, not busy (the library's default, 5 s, is what made every request wait during an outage). Without
    /// a connection, commands fail at once rather than queue for a reconnect that may never come: every caller
    /// has a fallback, and the circuit breaker notices the outage from those failures.
    /// </summary>
    public static ConfigurationOptions Options(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 1000;
        options.AsyncTimeout = 500;
        options.SyncTimeout = 500;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        return options;
    }
}
