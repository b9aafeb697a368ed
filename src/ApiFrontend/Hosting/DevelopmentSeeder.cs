using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Quartermaster.Grains.Abstractions.Catalog;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Abstractions.Tenants;
using Quartermaster.Grains.Abstractions.Identifiers;

namespace Quartermaster.ApiFrontend.Hosting;

/// <summary>Embedded mode only: seeds a demo tenant once the server listens, then prints how to use it.</summary>
internal sealed partial class DevelopmentSeeder(
    IGrainFactory grains,
    IServer server,
    IHostApplicationLifetime lifetime,
    IOptions<QuartermasterOptions> options,
    IHostEnvironment environment,
    ILogger<DevelopmentSeeder> logger) : BackgroundService
{
    public const string TenantId = "demo";
    public const string WarehouseId = "main";
    private static readonly string[] Skus = ["widget", "gadget", "gizmo"];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task;
        }

        if (!environment.IsDevelopment())
        {
            LogDemoOutsideDevelopment(environment.EnvironmentName);
        }

        await SeedAsync();
        var urls = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var shownAdminKey = options.Value.AdminKeyGenerated ? options.Value.AdminKeys[0] : null;
        StartupBanner.Print(Console.Out, urls, shownAdminKey, options.Value.DemoKey!, environment.IsDevelopment());
    }

    private async Task SeedAsync()
    {
        await grains.GetGrain<ITenantGrain>(TenantId).Create("Demo tenant", settings: null);
        var created = await grains.GetGrain<ITenantGrain>(TenantId).CreateApiKey("demo", options.Value.DemoKey);
        if (created.Failure is { } failure)
        {
            throw new InvalidOperationException($"Seeding the demo key failed: {failure.Detail}");
        }

        var catalog = grains.GetGrain<ICatalogGrain>(TenantId);
        await catalog.PutWarehouse(WarehouseId, "Main warehouse", expectedVersion: null);
        foreach (var sku in Skus)
        {
            await grains.Product(TenantId, sku).Put(char.ToUpperInvariant(sku[0]) + sku[1..], "piece", expectedVersion: null);
            await grains.GetGrain<IStockItemGrain>(GrainKeys.StockItem(TenantId, sku, WarehouseId))
                .Apply(new Movement($"seed-{sku}", LedgerEntryType.Receipt, 100, "demo seed", null));
        }

        LogSeeded(TenantId, Skus.Length);
    }

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message =
        "EMBEDDED DEMO MODE in environment {Environment}: one process, in-memory state (everything is lost on exit), a seeded demo "
        + "tenant with a known key. Not for production: run silos and frontends (Quartermaster:Hosting=Client) instead.")]
    private partial void LogDemoOutsideDevelopment(string environment);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Seeded demo tenant {TenantId} with {Count} products")]
    private partial void LogSeeded(string tenantId, int count);
}
