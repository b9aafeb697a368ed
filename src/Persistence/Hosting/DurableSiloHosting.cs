using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;
using Quartermaster.Grains.Hosting;
using Quartermaster.Grains.Orders;
using Quartermaster.Grains.Stock;
using Quartermaster.Persistence.Storage;
using StackExchange.Redis;

namespace Quartermaster.Persistence.Hosting;

public static class DurableSiloHosting
{
    public const string AdoNetInvariant = "Npgsql";
    public static readonly TimeSpan IdempotencyRetention = TimeSpan.FromHours(24);

    /// <summary>
    /// Clustering and reminders on PostgreSQL through Orleans' ADO.NET providers, business state in
    /// PostgreSQL tables of our own, ephemeral state in Redis with a 24-hour expiry.
    /// </summary>
    public static ISiloBuilder AddQuartermasterDurableState(this ISiloBuilder silo, StorageConnections connections)
    {
        var postgres = connections.Postgres ?? throw new ArgumentException("PostgreSQL connection string required.", nameof(connections));
        var redis = connections.Redis ?? throw new ArgumentException("Redis connection string required.", nameof(connections));

        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = AdoNetInvariant;
            options.ConnectionString = postgres;
        });
        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = AdoNetInvariant;
            options.ConnectionString = postgres;
        });

        var services = silo.Services;
        services.TryAddSingleton(_ => PostgresDataSource.Create(postgres));
        services.AddSingleton<GenericStateTable>();
        services.AddSingleton<StockItemTable>();
        services.AddSingleton<IStockHistory, PostgresStockHistory>();
        services.AddSingleton<OrderTable>();
        services.AddSingleton<IOrderSearch, PostgresOrderSearch>();
        services.AddKeyedSingleton<IGrainStorage, BusinessGrainStorage>(StorageNames.Business);

        silo.AddRedisGrainStorage(StorageNames.Ephemeral, options =>
        {
            options.ConfigurationOptions = ConfigurationOptions.Parse(redis);
            options.EntryExpiry = IdempotencyRetention;
        });
        return silo;
    }
}
