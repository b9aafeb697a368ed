using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Hosting;
using Quartermaster.Grains.Stock;
using Quartermaster.Grains.Stock.InMemory;

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
        silo.Services.AddSingleton<IStockHistory, InMemoryStockHistory>();
        return silo.AddMemoryGrainStorage(StorageNames.Business)
            .AddMemoryGrainStorage(StorageNames.Ephemeral)
            .UseInMemoryReminderService();
    }
}
