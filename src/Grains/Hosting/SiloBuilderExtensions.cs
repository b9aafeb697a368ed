using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Hosting;
using Quartermaster.Grains.Orders;

namespace Quartermaster.Grains.Hosting;

public static class SiloBuilderExtensions
{
    /// <summary>Registers what the grains need besides storage: the business clock.</summary>
    public static ISiloBuilder AddQuartermasterGrains(this ISiloBuilder silo)
    {
        silo.Services.TryAddKeyedSingleton(ClockNames.Business, TimeProvider.System);
        return silo;
    }

    /// <summary>In-memory storage and reminders: the development mode and the grain tests.</summary>
    public static ISiloBuilder AddQuartermasterInMemoryState(this ISiloBuilder silo)
    {
        silo.AddMemoryGrainStorage(StorageNames.Business)
            .AddMemoryGrainStorage(StorageNames.Ephemeral)
            .UseInMemoryReminderService();
        silo.Services.AddSingleton<IOrderSearch, MemoryOrderSearch>();
        silo.Services.AddOrderSweep<MemoryOrderDueIndex>();
        return silo;
    }

    /// <summary>The order sweep on this silo, over the given due index (which the storage in use defines).</summary>
    public static IServiceCollection AddOrderSweep<TDueIndex>(this IServiceCollection services)
        where TDueIndex : class, IOrderDueIndex
    {
        services.AddSingleton<IOrderDueIndex, TDueIndex>();
        services.AddSingleton<OrderSweepKeeper>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<OrderSweepKeeper>());
        return services;
    }
}
