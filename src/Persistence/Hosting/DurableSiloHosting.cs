using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Quartermaster.Grains.Catalog;
using Quartermaster.Grains.Customers;
using Quartermaster.Grains.Events;
using Quartermaster.Grains.Imports;
using Quartermaster.Grains.Hosting;
using Quartermaster.Grains.Orders;
using Quartermaster.Grains.Stock;
using Quartermaster.Grains.Stock.Search;
using Quartermaster.Persistence.Storage;
using Quartermaster.Persistence.Storage.Catalog;
using Quartermaster.Persistence.Storage.Customers;
using Quartermaster.Persistence.Storage.Imports;
using Quartermaster.Persistence.Storage.GroupCommit;
using Quartermaster.Persistence.Storage.Webhooks;
using Quartermaster.Grains.Webhooks;
using Quartermaster.ServiceDefaults.Health;
using Quartermaster.ServiceDefaults.Resilience;
using StackExchange.Redis;

namespace Quartermaster.Persistence.Hosting;

public static class DurableSiloHosting
{
    public static readonly TimeSpan IdempotencyRetention = TimeSpan.FromHours(24);

    /// <summary>The Orleans Redis provider's own name; grains name <see cref="StorageNames.Ephemeral"/>, its breaker.</summary>
    private const string EphemeralRedis = StorageNames.Ephemeral + ".redis";

    /// <summary>
    /// Clustering and reminders on PostgreSQL through Orleans' ADO.NET providers, business state in
    /// PostgreSQL tables of our own (one storage provider per table family, all writing through the silo's
    /// one <see cref="WriteFlusher"/>), ephemeral state in Redis with a 24-hour expiry.
    /// </summary>
    public static ISiloBuilder AddQuartermasterDurableState(this ISiloBuilder silo, string postgres, string redis)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(postgres);
        ArgumentException.ThrowIfNullOrWhiteSpace(redis);

        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = ClusterSettings.AdoNetInvariant;
            options.ConnectionString = postgres;
        });
        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = ClusterSettings.AdoNetInvariant;
            options.ConnectionString = postgres;
        });

        var services = silo.Services;
        GuardReminderTable(services);
        // Added, not tried: the storage needs this data source's settings, and a health check registered
        // earlier with a plain one must not win.
        services.AddSingleton(_ => PostgresDataSource.Create(postgres));
        services.AddRedisConnection(redis);
        services.AddPostgresBreaker();
        services.AddRedisBreaker();
        services.AddSingleton(sp => new StorageFailures(sp.GetRequiredKeyedService<CircuitBreaker>(StoreBreakers.Postgres)));
        services.AddGroupCommit();
        services.AddSingleton<GenericStateTable>();
        services.AddSingleton<StockItemTable>();
        services.AddSingleton<IStockHistory, PostgresStockHistory>();
        services.AddSingleton<StoredOrders>();
        services.AddSingleton<OrderTable>();
        services.AddSingleton<IOrderSearch, PostgresOrderSearch>();
        services.AddSingleton<IStockSearch, PostgresStockSearch>();
        services.AddSingleton<CustomerTable>();
        services.AddSingleton<ICustomerSearch, PostgresCustomerSearch>();
        services.AddSingleton<ProductTable>();
        services.AddSingleton<WarehouseTable>();
        services.AddSingleton(_ => new TextSearchDatabase(postgres));
        services.AddSingleton<IProductSearch, PostgresProductSearch>();
        services.AddSingleton<IImportRowStore, PostgresImportRowStore>();
        services.AddSingleton<IEventLog, PostgresEventLog>();
        services.AddHostedService<EventRetention>();
        services.AddSingleton<PostgresWebhookDeliveryStore>();
        services.AddSingleton<IWebhookDeliveryStore>(sp => sp.GetRequiredService<PostgresWebhookDeliveryStore>());
        services.AddDeliveryEngineKeeper(sp => sp.GetRequiredService<PostgresWebhookDeliveryStore>());
        services.RequireWebhookSecretKey();
        services.AddOrderSweep<PostgresOrderDueIndex, PostgresHoldDueIndex>();
        services.AddKeyedSingleton<IGrainStorage>(StorageNames.Stock,
            (sp, _) => new TableGrainStorage<Grains.Stock.StockItemState>(StorageNames.Stock, sp.GetRequiredService<StockItemTable>(), sp.GetRequiredService<StorageFailures>()));
        services.AddKeyedSingleton<IGrainStorage>(StorageNames.Orders,
            (sp, _) => new TableGrainStorage<OrderState>(StorageNames.Orders, sp.GetRequiredService<OrderTable>(), sp.GetRequiredService<StorageFailures>()));
        services.AddKeyedSingleton<IGrainStorage>(StorageNames.Customers,
            (sp, _) => new TableGrainStorage<CustomerState>(StorageNames.Customers, sp.GetRequiredService<CustomerTable>(), sp.GetRequiredService<StorageFailures>()));
        services.AddKeyedSingleton<IGrainStorage>(StorageNames.Products,
            (sp, _) => new TableGrainStorage<ProductState>(StorageNames.Products, sp.GetRequiredService<ProductTable>(), sp.GetRequiredService<StorageFailures>()));
        services.AddKeyedSingleton<IGrainStorage>(StorageNames.Warehouses,
            (sp, _) => new TableGrainStorage<CatalogState>(StorageNames.Warehouses, sp.GetRequiredService<WarehouseTable>(), sp.GetRequiredService<StorageFailures>()));
        services.AddKeyedSingleton<IGrainStorage>(StorageNames.Business,
            (sp, _) => new JsonGrainStorage(sp.GetRequiredService<GenericStateTable>(), sp.GetRequiredService<StorageFailures>()));

        silo.AddRedisGrainStorage(EphemeralRedis, options =>
        {
            options.ConfigurationOptions = RedisConnection.Options(redis);
            options.EntryExpiry = IdempotencyRetention;
        });
        services.AddKeyedSingleton<IGrainStorage>(StorageNames.Ephemeral, (sp, _) => new BreakerGrainStorage(
            sp.GetRequiredKeyedService<IGrainStorage>(EphemeralRedis), sp.GetRequiredKeyedService<CircuitBreaker>(StoreBreakers.Redis)));
        return silo;
    }

    /// <summary>Wraps the reminder table that UseAdoNetReminderService registered (see <see cref="GuardedReminderTable"/>).</summary>
    private static void GuardReminderTable(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IReminderTable) && !d.IsKeyedService);
        services.Remove(registered);
        services.AddSingleton<IReminderTable>(sp => new GuardedReminderTable(Create(sp, registered), sp.GetRequiredService<StorageFailures>()));
    }

    private static IReminderTable Create(IServiceProvider services, ServiceDescriptor descriptor) =>
        (IReminderTable)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}
