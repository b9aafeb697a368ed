using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Hosting;

namespace Quartermaster.Grains.Hosting;

public static class SiloBuilderExtensions
{
    /// <summary>Registers what the grains need besides storage: the business clock, and store failures answered as unavailable.</summary>
    public static ISiloBuilder AddQuartermasterGrains(this ISiloBuilder silo)
    {
        silo.Services.TryAddKeyedSingleton(ClockNames.Business, TimeProvider.System);
        silo.AddIncomingGrainCallFilter<StoreFailureCallFilter>();
        return silo;
    }

    /// <summary>In-memory storage under the same names as a durable silo's, and in-memory reminders: the development mode and the grain tests.</summary>
    public static ISiloBuilder AddQuartermasterInMemoryState(this ISiloBuilder silo) =>
        silo.AddMemoryGrainStorage(StorageNames.Stock)
            .AddMemoryGrainStorage(StorageNames.Orders)
            .AddMemoryGrainStorage(StorageNames.Business)
            .AddMemoryGrainStorage(StorageNames.Ephemeral)
            .UseInMemoryReminderService();
}
