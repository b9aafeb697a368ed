using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Quartermaster.Grains.Hosting;
using Quartermaster.Persistence.Hosting;
using Quartermaster.Persistence.Tests.Infrastructure;

namespace Quartermaster.Persistence.Tests.Storage;

/// <summary>
/// Class fixture: one silo in this process with the production grains and the production durable state
/// (business state in a migrated PostgreSQL database of its own, ephemeral state in the Redis of
/// `QUARTERMASTER_TEST_REDIS`).
/// </summary>
public sealed class PostgresSilo : IAsyncLifetime
{
    public const string RedisVariable = "QUARTERMASTER_TEST_REDIS";
    private IHost? _host;

    public MigratedDatabase Database { get; } = new();

    public IGrainFactory Grains => _host!.Services.GetRequiredService<IGrainFactory>();

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        var redis = Environment.GetEnvironmentVariable(RedisVariable) is { Length: > 0 } value
            ? value + ",abortConnect=false"
            : throw new InvalidOperationException($"{RedisVariable} is not set: the durable silo keeps its ephemeral state in Redis.");
        var ports = LoopbackPorts.Take(2);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo => silo
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ($"qm-test-{Guid.NewGuid():N}", $"qm-service-{Guid.NewGuid():N}"))
            .ConfigureEndpoints(IPAddress.Loopback, ports[0], ports[1])
            .AddQuartermasterGrains()
            .AddQuartermasterDurableState(Database.ConnectionString, redis));
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }

        await Database.DisposeAsync();
    }
}
