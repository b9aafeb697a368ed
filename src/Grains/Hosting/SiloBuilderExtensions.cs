using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using Quartermaster.Grains.Catalog;
using Quartermaster.Grains.Catalog.InMemory;
using Quartermaster.Grains.Customers;
using Quartermaster.Grains.Customers.InMemory;
using Quartermaster.Grains.Events;
using Quartermaster.Grains.Idempotency;
using Quartermaster.Grains.Imports;
using Quartermaster.Grains.Orders;
using Quartermaster.Grains.Stock;
using Quartermaster.Grains.Stock.InMemory;
using Quartermaster.Grains.Stock.LowStock;
using Quartermaster.Grains.Stock.Search;
using Quartermaster.Grains.Webhooks;

namespace Quartermaster.Grains.Hosting;

public static class SiloBuilderExtensions
{
    /// <summary>Registers what the grains need besides storage: the business clock, and store failures answered as unavailable.</summary>
    public static ISiloBuilder AddQuartermasterGrains(this ISiloBuilder silo)
    {
        silo.Services.TryAddKeyedSingleton(ClockNames.Business, TimeProvider.System);
        silo.Services.AddMembershipSettling();
        silo.AddIncomingGrainCallFilter<StoreFailureCallFilter>();
        silo.Services.AddWebhookDelivery();
        silo.Services.TryAddSingleton<ResponseSealer>();
        silo.Services.AddSingleton<DeliveryBacklog>();
        silo.Services.AddSingleton<ITenantThresholds, TenantThresholds>();
        silo.Services.AddSingleton<StockItemServices>();
        silo.Services.AddSingleton<ThresholdBroadcast>();
        silo.Services.AddPlacementDirector<SiloPinnedPlacement, SiloPinnedPlacementDirector>();
        return silo;
    }

    /// <summary>In-memory storage under the same names as a durable silo's, in-memory reminders and the in-memory due indexes: the development mode and the grain tests.</summary>
    public static ISiloBuilder AddQuartermasterInMemoryState(this ISiloBuilder silo)
    {
        silo.Services.AddSingleton<IStockHistory, InMemoryStockHistory>();
        silo.AddInMemoryStorage(StorageNames.Stock)
            .AddInMemoryStorage(StorageNames.Orders)
            .AddInMemoryStorage(StorageNames.Customers)
            .AddInMemoryStorage(StorageNames.Products)
            .AddInMemoryStorage(StorageNames.Warehouses)
            .AddInMemoryStorage(StorageNames.Business)
            .AddInMemoryStorage(StorageNames.Ephemeral)
            .UseInMemoryReminderService();
        silo.Services.AddSingleton<IOrderSearch, MemoryOrderSearch>();
        silo.Services.AddSingleton<IStockSearch, MemoryStockSearch>();
        silo.Services.AddSingleton<ICustomerSearch, MemoryCustomerSearch>();
        silo.Services.AddSingleton<IProductSearch, MemoryProductSearch>();
        silo.Services.AddSingleton<IImportRowStore, MemoryImportRowStore>();
        silo.Services.AddSingleton<IEventLog, MemoryEventLog>();
        silo.Services.AddSingleton<IWebhookDeliveryStore, MemoryWebhookDeliveryStore>();
        silo.Services.AddOrderSweep<MemoryOrderDueIndex, MemoryHoldDueIndex>();
        return silo;
    }

    /// <summary>
    /// Memory storage that reads state back with the Orleans serializer, into new objects as a grain call does. Its
    /// default serializer (Newtonsoft.Json) fills the objects a new state starts with, and a shared default such
    /// as <c>TenantSettings.Default</c> then took the settings of every tenant read back into the whole silo.
    /// </summary>
    private static ISiloBuilder AddInMemoryStorage(this ISiloBuilder silo, string name) =>
        silo.AddMemoryGrainStorage(name, options => options.Configure<Serializer>(
            (storage, serializer) => storage.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer)));

    /// <summary>When reads confirm their activation against storage (<see cref="MembershipSettling"/>), and the watcher that tells it of membership changes.</summary>
    public static IServiceCollection AddMembershipSettling(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<MembershipSettlingOptions>().BindConfiguration(MembershipSettlingOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MembershipSettlingOptions>, MembershipSettlingOptionsValidation>());
        services.AddSingleton<MembershipSettling>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, MembershipWatcher>();
        return services;
    }

    /// <summary>The sweep of due orders and expired holds on this silo, over the due indexes the storage in use defines.</summary>
    public static IServiceCollection AddOrderSweep<TOrderDueIndex, THoldDueIndex>(this IServiceCollection services)
        where TOrderDueIndex : class, IOrderDueIndex
        where THoldDueIndex : class, IHoldDueIndex
    {
        services.AddOptions<SweepOptions>().BindConfiguration(SweepOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SweepOptions>, SweepOptionsValidation>());
        services.AddSingleton<IOrderDueIndex, TOrderDueIndex>();
        services.AddSingleton<IHoldDueIndex, THoldDueIndex>();
        services.AddSingleton<OrderSweepKeeper>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<OrderSweepKeeper>());
        return services;
    }
}
