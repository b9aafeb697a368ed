using StackExchange.Redis;

namespace Quartermaster.Bench.Baselines;

/// <summary>The Redis connection of the redis-lock engine: the host's when it has one, else one of its own.</summary>
internal sealed class BaselineRedis(IConnectionMultiplexer connection, bool owned) : IAsyncDisposable
{
    public IDatabase Database => connection.GetDatabase();

    public static BaselineRedis Create(IConnectionMultiplexer? shared, string configuration)
    {
        if (shared is not null)
        {
            return new BaselineRedis(shared, owned: false);
        }

        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        return new BaselineRedis(ConnectionMultiplexer.Connect(options), owned: true);
    }

    public async ValueTask DisposeAsync()
    {
        if (owned)
        {
            await connection.DisposeAsync();
        }
    }
}
