using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Quartermaster.Chaos.Cluster;

/// <summary>A grain of some tenant and the silo (by number) that hosts it.</summary>
internal sealed record PlacedGrain(string Type, string Key, int Silo);

/// <summary>
/// Asks the management grain where every activation lives, through an Orleans client of the tool's own, so
/// a fault can be aimed at a silo and the tenants with no grain there can be told apart.
/// </summary>
internal sealed class GrainPlacement(string postgres, int basePort) : IAsyncDisposable
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(60);
    private IHost? _host;

    /// <summary>Connects ahead of the first snapshot, while the cluster is still calm; a failure is left to the snapshot.</summary>
    public async Task ConnectAsync()
    {
        try
        {
            _host ??= await StartClientAsync();
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            Console.WriteLine($"   the Orleans client for grain placement did not connect: {error.GetType().Name}: {error.Message}");
        }
    }

    public async Task<IReadOnlyList<PlacedGrain>?> SnapshotAsync()
    {
        try
        {
            _host ??= await StartClientAsync();
            var management = _host.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
            var activations = await management.GetDetailedGrainStatistics().WaitAsync(QueryTimeout);
            return activations
                .Select(a => new PlacedGrain(a.GrainId.Type.ToString() ?? "", a.GrainId.Key.ToString() ?? "", a.SiloAddress.Endpoint.Port - basePort))
                .ToList();
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            Console.WriteLine($"   placement unknown: {error.GetType().Name}: {error.Message} {error.InnerException?.Message}");
            return null;
        }
    }

    private async Task<IHost> StartClientAsync()
    {
        var host = new HostBuilder()
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.None))
            .UseOrleansClient(client => client
                .Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = ("local", "quartermaster"))
                .UseAdoNetClustering(options => (options.Invariant, options.ConnectionString) = ("Npgsql", postgres)))
            .Build();
        await host.StartAsync().WaitAsync(QueryTimeout);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _host.StopAsync(stopping.Token);
            _host.Dispose();
        }
    }
}
