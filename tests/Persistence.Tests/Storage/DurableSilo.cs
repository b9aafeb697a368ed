using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Quartermaster.Grains.Abstractions.Catalog;
using Quartermaster.Grains.Hosting;
using Quartermaster.Persistence.Hosting;
using Quartermaster.Persistence.Tests.Infrastructure;

namespace Quartermaster.Persistence.Tests.Storage;

/// <summary>
/// Class fixture: one silo in this process with the production grains and the production durable state
/// (PostgreSQL tables through the group commit, Redis for ephemeral state) on a migrated database.
/// </summary>
public sealed class DurableSilo : IAsyncLifetime
{
    public const string RedisVariable = "QUARTERMASTER_TEST_REDIS";

    private readonly MigratedDatabase _database = new();
    private readonly string _clusterId = $"qm-test-{Guid.NewGuid():N}";
    private readonly string _serviceId = $"qm-service-{Guid.NewGuid():N}";
    private IHost? _host;

    public MigratedDatabase Database => _database;

    /// <summary>The silo's warnings and errors.</summary>
    public ListLogger Logs { get; } = new();

    public IGrainFactory Grains => _host!.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host!.Services;

    /// <summary>Puts the warehouse and one product per sku (named after it) in the tenant's catalog, so stock there is served.</summary>
    public async Task PutCatalogAsync(string tenantId, string warehouseId, params IEnumerable<string> skus)
    {
        Assert.Null((await Grains.GetGrain<ICatalogGrain>(tenantId).PutWarehouse(warehouseId, warehouseId, null)).Failure);
        foreach (var sku in skus)
        {
            Assert.Null((await Grains.Product(tenantId, sku).Put(sku, "pcs", null)).Failure);
        }
    }

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _host = BuildSilo(Logs);
        await _host.StartAsync();
    }

    /// <summary>
    /// Starts another silo of the same cluster in this process, a membership change every silo sees; the caller
    /// stops it. Only for a class that owns its fixture: grains may be placed on it.
    /// </summary>
    public async Task<IHost> StartAnotherSiloAsync()
    {
        var host = BuildSilo(new ListLogger());
        await host.StartAsync();
        return host;
    }

    private IHost BuildSilo(ListLogger logs)
    {
        var redis = Environment.GetEnvironmentVariable(RedisVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{RedisVariable} is not set: these tests need a Redis server (scripts/test starts one).");
        var ports = LoopbackPorts.Take(2);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["Webhooks:SecretKey"] = Convert.ToBase64String(new byte[32]);
        // The sweep tests wait for the next sweep in real time: 250 ms instead of the shipped 5 s (which the
        // multi-process tests run).
        builder.Configuration["Quartermaster:Sweep:Period"] = "00:00:00.250";
        // Reads confirm against storage once after each membership change, not for 15 s after it (as shipped,
        // which the multi-process tests run): a test that moves a row behind an active grain then knows which of
        // the read fence and the write's version check finds it.
        builder.Configuration["Quartermaster:Membership:SettleTime"] = "00:00:00";
        builder.UseOrleans(silo => silo
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (_clusterId, _serviceId))
            .ConfigureEndpoints(IPAddress.Loopback, ports[0], ports[1])
            .AddQuartermasterGrains()
            .AddQuartermasterDurableState(_database.ConnectionString, redis));
        return builder.Build();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }

        await _database.DisposeAsync();
    }
}
