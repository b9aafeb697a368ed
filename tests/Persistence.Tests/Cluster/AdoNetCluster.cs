using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Quartermaster.Persistence.Tests.Infrastructure;

namespace Quartermaster.Persistence.Tests.Cluster;

/// <summary>
/// Class fixture: a migrated database, two silos in this process that find each other only through the
/// ADO.NET membership table (real TCP on loopback, distinct ports) and keep reminders in the ADO.NET
/// reminder table, and a separate client that finds the gateways through the same table.
/// </summary>
public sealed class AdoNetCluster : IAsyncLifetime
{
    private const string Invariant = "Npgsql";
    private readonly MigratedDatabase _database = new();
    private readonly List<IHost> _silos = [];

    public string ClusterId { get; } = $"qm-test-{Guid.NewGuid():N}";

    public string ServiceId { get; } = $"qm-service-{Guid.NewGuid():N}";

    public MigratedDatabase Database => _database;

    public IReadOnlyList<int> SiloPorts { get; private set; } = [];

    public IHost ClientHost { get; private set; } = null!;

    public IClusterClient Client => ClientHost.Services.GetRequiredService<IClusterClient>();

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var ports = LoopbackPorts.Take(4);
        SiloPorts = [ports[0], ports[1]];
        foreach (var (siloPort, gatewayPort) in new[] { (ports[0], ports[2]), (ports[1], ports[3]) })
        {
            var silo = BuildSilo(siloPort, gatewayPort);
            _silos.Add(silo);
            await silo.StartAsync();
        }

        ClientHost = BuildClient();
        await ClientHost.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (ClientHost is not null)
        {
            await ClientHost.StopAsync();
            ClientHost.Dispose();
        }

        foreach (var silo in Enumerable.Reverse(_silos))
        {
            await silo.StopAsync();
            silo.Dispose();
        }

        await _database.DisposeAsync();
    }

    private IHost BuildSilo(int siloPort, int gatewayPort)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo => silo
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, ServiceId))
            .ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort)
            .UseAdoNetClustering(o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = _database.ConnectionString;
            })
            .UseAdoNetReminderService(o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = _database.ConnectionString;
            }));
        return builder.Build();
    }

    private IHost BuildClient()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => client
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, ServiceId))
            .UseAdoNetClustering(o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = _database.ConnectionString;
            }));
        return builder.Build();
    }
}
