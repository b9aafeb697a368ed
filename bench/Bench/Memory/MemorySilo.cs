using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;
using Quartermaster.Grains.Catalog;
using Quartermaster.Grains.Catalog.InMemory;
using Quartermaster.Grains.Hosting;
using Quartermaster.Grains.Stock;

namespace Quartermaster.Bench.Memory;

/// <summary>
/// A single localhost silo in this process with the production grains, <see cref="SeededBusinessStorage"/> as the
/// stock and business storage, in-memory order, product, warehouse and ephemeral storage, in-memory reminders. src/Silo's dashboard, telemetry and HTTP endpoints
/// are left out: they are no part of a stock item's activation.
/// </summary>
internal sealed class MemorySilo(IHost host) : IAsyncDisposable
{
    public IGrainFactory Grains => host.Services.GetRequiredService<IGrainFactory>();

    public GrainCollectionOptions Collection => host.Services.GetRequiredService<IOptions<GrainCollectionOptions>>().Value;

    public static async Task<MemorySilo> StartAsync()
    {
        // No configuration sources: an appsettings.json copied in from a referenced project must not change the silo.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
        // A million activations take a while to deactivate; cut short, each one would log that it was.
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromMinutes(5));
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort(), FreePort())
                .AddQuartermasterGrains()
                .AddMemoryGrainStorage(StorageNames.Orders)
                .AddMemoryGrainStorage(StorageNames.Products)
                .AddMemoryGrainStorage(StorageNames.Warehouses)
                .AddMemoryGrainStorage(StorageNames.Ephemeral)
                .UseInMemoryReminderService();
            silo.Services.AddKeyedSingleton<IGrainStorage, SeededBusinessStorage>(StorageNames.Stock);
            silo.Services.AddKeyedSingleton<IGrainStorage, SeededBusinessStorage>(StorageNames.Business);
            silo.Services.AddSingleton<IStockHistory, UnreadStockHistory>();
            silo.Services.AddSingleton<IHoldDueIndex, MemoryHoldDueIndex>();
            silo.Services.AddSingleton<IProductSearch, MemoryProductSearch>();
        });
        var host = builder.Build();
        await host.StartAsync();
        return new MemorySilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
