using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Quartermaster.Persistence.Tests.Reminders;

/// <summary>Orleans' own ADO.NET reminder table (internal to its package), resolved the way a silo does.</summary>
internal sealed class ReminderTableFactory : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private ReminderTableFactory(ServiceProvider services, IReminderTable table)
    {
        _services = services;
        Table = table;
    }

    public IReminderTable Table { get; }

    public static async Task<ReminderTableFactory> CreateAsync(string connectionString, string serviceId)
    {
        var services = new ServiceCollection();
        services.AddOptions();
        services.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("reminder-tests", serviceId));
        services.UseAdoNetReminderService(options => options.Configure(o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = connectionString;
        }));
        var provider = services.BuildServiceProvider();
        var table = provider.GetRequiredService<IReminderTable>();
        await table.StartAsync();
        return new ReminderTableFactory(provider, table);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
